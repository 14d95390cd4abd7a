// Package splitmix spreads the bits of a hash before it picks a slot.
package splitmix

// Mix is SplitMix64's finalizer, a bijection of x in which every bit of
// the result depends on every bit of x: values that differ only in a few
// bits (small integers, hashes that share their top bits) land far apart.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
