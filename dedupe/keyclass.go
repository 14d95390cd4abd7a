package dedupe

import "slices"

// updateKeyClasses makes c.keyClass hold again, when sentence cuts
// changed some texts of the order since it was made, by giving new
// classes to the paragraphs cut since (C) rather than filing every
// paragraph of the order again; it reports false, having changed
// nothing, if C is more than a sixteenth of the order and more than 64
// paragraphs (then filing them all costs about as much; a smaller order
// takes little time either way, and its tests reach this). On the 100 MB
// stream the second round's table filed all 523,620 paragraphs of the
// order, 10-13 ms on one CPU, for 9,447 cut texts.
//
// A class is a label, from 1 to c.classLabels, shared by the paragraphs
// of the order that have one key. The other paragraphs of the order (U)
// have the texts they had when the classes were made, so their labels
// still tell their keys apart. C is grouped by key, exactly (keyIndex). A
// group whose key came twice or more (a key that came once to all, see
// twiceSet, is no other paragraph's) takes the label of a paragraph of U
// with its key if there is one: the scan of the order compares it with
// each paragraph of U whose hash is its. Every other group takes a new
// label, one more than the highest so far. So two paragraphs share a
// label if and only if they have one key, and the table worked out from
// the labels is the one filing them would make (TestRoundsAgree and
// TestKeyClassesUpdatedRandom compare with reuseKeyClasses off).
func (c *cleaner) updateKeyClasses() bool {
	cut := c.cutInOrder(c.classCuts, func(int32) bool { return true })
	if len(cut) > max(len(c.order)/16, 64) {
		return false
	}
	// group[k]: the first of cut with cut[k]'s key; label, by group: its
	// label, 0 until given one.
	group, label := make([]int32, len(cut)), make([]int32, len(cut))
	keys := newKeyIndex(len(cut), func(k int32) string { return c.textOf(int(cut[k])) })
	// The groups whose key may have come twice, by hash, and a filter of
	// those hashes (their low bits), which the scan asks of every
	// paragraph before the map.
	var repeats map[uint32][]int32
	var filter []uint64
	for k, p := range cut {
		c.ensureKey(int(p))
		first, found := keys.findOrAdd(uint64(c.hash[p]), int32(k))
		group[k] = first
		if found || !c.twice.keys.mayRepeat(uint64(c.hash[p])) {
			continue
		}
		if repeats == nil {
			repeats, filter = make(map[uint32][]int32), make([]uint64, classFilterBits/64)
		}
		h := c.hash[p]
		repeats[h] = append(repeats[h], int32(k))
		filter[h%classFilterBits/64] |= 1 << (h % 64)
	}
	if repeats != nil {
		for _, q := range c.order {
			h := c.hash[q]
			if filter[h%classFilterBits/64]&(1<<(h%64)) == 0 {
				continue
			}
			if _, isCut := slices.BinarySearch(cut, q); isCut {
				continue // of C: its label is to be made
			}
			for _, k := range repeats[h] {
				if label[k] == 0 && c.sameKey(int(q), int(cut[k])) {
					label[k] = c.keyClass[q]
				}
			}
		}
	}
	for k := range cut {
		if group[k] == int32(k) && label[k] == 0 {
			c.classLabels++
			label[k] = int32(c.classLabels)
		}
	}
	for k, p := range cut {
		c.keyClass[p] = label[group[k]]
	}
	c.classCuts = len(c.cuts)
	return true
}

// classFilterBits is the size in bits of updateKeyClasses' filter of the
// hashes it looks for: 128 KB.
const classFilterBits = 1 << 20

// sameKey reports whether paragraphs i and j have the same match key.
func (c *cleaner) sameKey(i, j int) bool {
	var same bool
	same, c.keyBuf, c.keyBuf2 = sameKeyText(c.textOf(i), c.textOf(j), c.keyBuf, c.keyBuf2)
	return same
}
