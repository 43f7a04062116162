package dev.audience.bench;

import dev.audience.profile.OrdinalCache;

import java.util.Random;

/** Users for the in-process benchmarks: user-1 … user-N with ordinals 1 … N in an OrdinalCache. */
final class BenchUsers {
    private BenchUsers() {}

    /** Fills {@code ordinals} and returns the userIds shuffled, so lookups do not walk memory in order. */
    static String[] shuffled(int profiles, OrdinalCache ordinals, Random r) {
        String[] users = new String[profiles];
        for (int i = 0; i < profiles; i++) {
            users[i] = "user-" + (i + 1);
            ordinals.put(users[i], i + 1);
        }
        for (int i = users.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = users[i];
            users[i] = users[j];
            users[j] = t;
        }
        return users;
    }
}
