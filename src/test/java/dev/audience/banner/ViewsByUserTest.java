package dev.audience.banner;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ViewsByUserTest {
    @Test
    void keepsEveryUserThroughGrowthUpdatesAndRemovals() {
        ViewsByUser table = new ViewsByUser();
        int users = 50_000; // the table starts at 1,024 entries: it grows several times
        for (int i = 0; i < users; i++) {
            int n = i;
            table.update("user-" + i, v -> {
                assertThat(v).isNull();
                return new int[] {n};
            });
        }
        for (int i = 0; i < users; i += 2) table.update("user-" + i, v -> new int[] {v[0], -1});
        assertThat(table.size()).isEqualTo(users);
        for (int i = 0; i < users; i++) {
            assertThat(table.get(new String("user-" + i))).as("an equal id, not the same object")
                    .isEqualTo(i % 2 == 0 ? new int[] {i, -1} : new int[] {i});
        }
        assertThat(table.get("user-" + users)).isNull();
        assertThat(table.get("")).isNull();

        assertThat(table.removeIf(v -> v.length == 1)).isEqualTo(users / 2);
        assertThat(table.size()).isEqualTo(users / 2);
        for (int i = 0; i < users; i++) {
            assertThat(table.get("user-" + i)).as("user-" + i).isEqualTo(i % 2 == 0 ? new int[] {i, -1} : null);
        }
        assertThat(table.removeIf(v -> false)).isZero();
        table.update("user-1", v -> new int[] {1, 1});
        assertThat(table.get("user-1")).containsExactly(1, 1);
    }

    /** Readers racing a writer that adds users (and so grows the table) find each user whole or not yet. */
    @Test
    void readersNeverSeeAnotherUsersViewsWhileTheTableGrows() throws Exception {
        ViewsByUser table = new ViewsByUser();
        int users = 200_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int seed = r;
            readers.add(Thread.ofPlatform().start(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                started.countDown();
                int found = 0;
                do {
                    int i = random.nextInt(users);
                    int[] v = table.get("user-" + i);
                    if (v == null) continue;
                    found++;
                    if (v.length != 2 || v[0] != i || (v[1] != 0 && v[1] != 1)) wrong.add("user-" + i);
                } while (writing.get() || found < 1_000);
            }));
        }
        started.await();
        for (int i = 0; i < users; i++) {
            int n = i;
            table.update("user-" + i, v -> new int[] {n, 0});
            if (i % 3 == 0) table.update("user-" + i, v -> new int[] {v[0], 1});
        }
        writing.set(false);
        for (Thread t : readers) t.join();
        assertThat(wrong).isEmpty();
        assertThat(table.size()).isEqualTo(users);
    }
}
