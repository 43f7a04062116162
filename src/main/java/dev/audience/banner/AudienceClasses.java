package dev.audience.banner;

import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the index's audience bitmaps hold each profile ordinal, worked out once when the index is built:
 * profiles in exactly the same audiences share a class, and one char per ordinal names its class. A decision
 * then reads one char instead of looking the ordinal up in every audience bitmap of the placement (each
 * lookup a likely cache miss in a bitmap of up to a million members). Ordinals in no audience, beyond the
 * last member, or -1 (no profile) are class 0, the class of no audience. Audiences are unions and differences
 * of segments, so there are at most 2^k classes for k segments, usually far fewer.
 *
 * <p>Built only when it stays small: below {@value #MAX_CLASSES} classes and ordinals below
 * {@value #MAX_ORDINALS} (at most 128 MiB); otherwise {@link #of} gives null and decisions look the bitmaps
 * up as before. The bitmaps must not change afterwards (the index never changes them).
 */
final class AudienceClasses {
    static final int MAX_CLASSES = 1 << 16;
    static final int MAX_ORDINALS = 1 << 26;

    private final Map<RoaringBitmap, Integer> audienceNumbers;
    private final char[] classOf;
    /** For each class, bit a set when audience a holds its ordinals. */
    private final BitSet[] audiencesOf;

    private AudienceClasses(Map<RoaringBitmap, Integer> audienceNumbers, char[] classOf, BitSet[] audiencesOf) {
        this.audienceNumbers = audienceNumbers;
        this.classOf = classOf;
        this.audiencesOf = audiencesOf;
    }

    /**
     * The classes of these audiences (duplicates count once), or null when they would not stay small. Takes the
     * audiences one at a time: the members of audience a move from their class to the class that adds a, found
     * once per class; a class its members all left is numbered anew.
     */
    static AudienceClasses of(List<RoaringBitmap> audiences) {
        Map<RoaringBitmap, Integer> numbers = new IdentityHashMap<>();
        int last = -1;
        for (RoaringBitmap a : audiences) {
            if (numbers.containsKey(a)) continue;
            numbers.put(a, numbers.size());
            if (a.isEmpty()) continue;
            int l = a.last(); // negative: past Integer.MAX_VALUE, read as unsigned
            if (l < 0 || l >= MAX_ORDINALS) return null;
            last = Math.max(last, l);
        }
        char[] classOf = new char[last + 1];
        List<BitSet> sets = new ArrayList<>(List.of(new BitSet())); // class → its audiences; class 0 = none
        int[] sizes = new int[16]; // members per class (not counted for class 0)
        Map<BitSet, Integer> classes = new HashMap<>(Map.of(new BitSet(), 0));
        ArrayDeque<Integer> free = new ArrayDeque<>();
        int[] batch = new int[256];
        for (Map.Entry<RoaringBitmap, Integer> e : numbers.entrySet()) {
            int[] moved = new int[sets.size()]; // old class → the class with this audience too
            int[] leaving = new int[sets.size()];
            Arrays.fill(moved, -1);
            for (BatchIterator it = e.getKey().getBatchIterator(); it.hasNext(); ) {
                for (int j = 0, n = it.nextBatch(batch); j < n; j++) {
                    int ordinal = batch[j];
                    int from = classOf[ordinal];
                    int to = moved[from];
                    if (to < 0) {
                        BitSet set = (BitSet) sets.get(from).clone();
                        set.set(e.getValue());
                        to = classes.computeIfAbsent(set, k -> {
                            if (!free.isEmpty()) return free.pop();
                            sets.add(null);
                            return sets.size() - 1;
                        });
                        if (to >= MAX_CLASSES) return null;
                        sets.set(to, set);
                        moved[from] = to;
                    }
                    classOf[ordinal] = (char) to;
                    leaving[from]++;
                }
            }
            if (sizes.length < sets.size()) sizes = Arrays.copyOf(sizes, 2 * sets.size());
            for (int c = 0; c < moved.length; c++) {
                if (moved[c] < 0) continue;
                sizes[moved[c]] += leaving[c];
                sizes[c] -= leaving[c];
                if (c != 0 && sizes[c] == 0) { // every member moved on: the number is free
                    classes.remove(sets.get(c));
                    free.push(c);
                }
            }
        }
        if (!free.isEmpty()) renumber(classOf, sets, free);
        return new AudienceClasses(numbers, classOf, sets.toArray(BitSet[]::new));
    }

    /** Closes the gaps left by classes numbered anew, so that classes are 0 … count-1. */
    private static void renumber(char[] classOf, List<BitSet> sets, ArrayDeque<Integer> free) {
        int[] to = new int[sets.size()];
        Set<Integer> gaps = new HashSet<>(free);
        List<BitSet> kept = new ArrayList<>();
        for (int c = 0; c < to.length; c++) {
            if (gaps.contains(c)) continue;
            to[c] = kept.size();
            kept.add(sets.get(c));
        }
        for (int i = 0; i < classOf.length; i++) classOf[i] = (char) to[classOf[i]];
        sets.clear();
        sets.addAll(kept);
    }

    /** This ordinal's class; -1 (no profile) and ordinals in no audience are class 0. */
    int of(int ordinal) {
        return ordinal >= 0 && ordinal < classOf.length ? classOf[ordinal] : 0;
    }

    int count() {
        return audiencesOf.length;
    }

    /** Whether the ordinals of class {@code c} are members of {@code audience} (one the classes were made of). */
    boolean holds(int c, RoaringBitmap audience) {
        Integer a = audienceNumbers.get(audience);
        if (a == null) throw new IllegalArgumentException("not an audience these classes were made of");
        return audiencesOf[c].get(a);
    }
}
