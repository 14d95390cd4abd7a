//go:build race

package dedupe

// raceEnabled says whether the tests run under the race detector, whose
// shadow memory takes page faults of its own.
const raceEnabled = true
