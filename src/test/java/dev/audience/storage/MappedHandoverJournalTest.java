package dev.audience.storage;

import dev.audience.delivery.HandoverJournal.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedHandoverJournalTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void whatARunLeavesIsReadByTheNextOneUntilForgotten() {
        Path file = dir.resolve("handover.journal");
        try (MappedHandoverJournal first = MappedHandoverJournal.open(file)) {
            assertThat(first.leftByLastRun()).isEmpty();
            first.handingOver(11, WAIT); // leaving, no answer yet
            first.answered(first.handingOver(12, WAIT), true);
            first.answered(first.handingOver(13, WAIT), false);
            first.settled(first.handingOver(14, WAIT)); // outcome committed: gone
        }
        try (MappedHandoverJournal second = MappedHandoverJournal.open(file)) {
            assertThat(second.leftByLastRun()).containsExactlyInAnyOrder(
                    new Entry(11, false, false), new Entry(12, true, true), new Entry(13, true, false));
            second.forgetLeftByLastRun();
            assertThat(second.leftByLastRun()).isEmpty();
        }
        try (MappedHandoverJournal third = MappedHandoverJournal.open(file)) {
            assertThat(third.leftByLastRun()).as("forgotten for good").isEmpty();
        }
    }

    /** Not closed, as when the process is killed: the entries are in the file's pages, read by another mapping. */
    @Test
    void entriesAreInTheFileWithoutAClose() throws Exception {
        Path file = dir.resolve("handover.journal");
        try (MappedHandoverJournal running = MappedHandoverJournal.open(file)) {
            int slot = running.handingOver(1L << 40, WAIT);
            try (MappedHandoverJournal reader = MappedHandoverJournal.open(file)) {
                assertThat(reader.leftByLastRun()).containsExactly(new Entry(1L << 40, false, false));
                running.answered(slot, true);
            }
            try (MappedHandoverJournal reader = MappedHandoverJournal.open(file)) {
                assertThat(reader.leftByLastRun()).containsExactly(new Entry(1L << 40, true, true));
            }
        }
        assertThat(Files.size(file)).isEqualTo(MappedHandoverJournal.HEADER + MappedHandoverJournal.SLOTS * 8L);
    }

    @Test
    void aFullJournalWaitsUntilAnOutcomeIsCommitted() throws Exception {
        try (MappedHandoverJournal journal = MappedHandoverJournal.open(dir.resolve("handover.journal"))) {
            List<Integer> slots = new ArrayList<>();
            for (int i = 1; i <= MappedHandoverJournal.SLOTS; i++) slots.add(journal.handingOver(i, WAIT));
            assertThat(slots).doesNotHaveDuplicates();
            CompletableFuture<Integer> next = new CompletableFuture<>();
            Thread taker = Thread.ofPlatform().start(() -> next.complete(journal.handingOver(5_000, WAIT)));
            while (taker.getState() != Thread.State.TIMED_WAITING) { // blocked for a free slot (a thread that did not wait ends)
                assertThat(taker.isAlive()).as("waits for a free slot").isTrue();
                Thread.onSpinWait();
            }
            assertThat(next).isNotDone();
            journal.settled(slots.get(7));
            assertThat(next.get()).isEqualTo(slots.get(7));

            assertThat(journal.handingOver(5_001, Duration.ofMillis(1))).as("none came free in time").isEqualTo(-1);
            Thread.currentThread().interrupt();
            assertThat(journal.handingOver(5_002, WAIT)).as("interrupted: no slot, no wait").isEqualTo(-1);
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        }
    }

    @Test
    void slotsLeftByTheLastRunAreNotReusedBeforeTheyAreTakenIn() {
        Path file = dir.resolve("handover.journal");
        try (MappedHandoverJournal first = MappedHandoverJournal.open(file)) {
            for (int i = 1; i <= 3; i++) first.handingOver(i, WAIT);
        }
        try (MappedHandoverJournal second = MappedHandoverJournal.open(file)) {
            for (int i = 100; i < 100 + MappedHandoverJournal.SLOTS - 3; i++) second.handingOver(i, WAIT);
            assertThat(second.leftByLastRun()).extracting(Entry::deliveryId).containsExactlyInAnyOrder(1L, 2L, 3L);
        }
    }

    @Test
    void theHeaderNamesTheRunWhoseRowsTheEntriesAre() {
        Path file = dir.resolve("handover.journal");
        try (MappedHandoverJournal first = MappedHandoverJournal.open(file)) {
            assertThat(first.namedNode()).as("a new journal names none").isEmpty();
            first.beginRun("host-a1b2c3");
            first.handingOver(7, WAIT);
        }
        try (MappedHandoverJournal second = MappedHandoverJournal.open(file)) {
            assertThat(second.namedNode()).isEqualTo("host-a1b2c3");
            assertThatThrownBy(() -> second.beginRun("host-d4e5f6")).as("its entries are not taken in yet")
                    .isInstanceOf(IllegalStateException.class);
            second.forgetLeftByLastRun();
            second.beginRun("host-d4e5f6");
            assertThat(second.namedNode()).isEqualTo("host-d4e5f6");
            assertThatThrownBy(() -> second.beginRun("x".repeat(300))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFileThatIsNotAJournalOfThisFormatIsRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("handover.journal");
        byte[] older = new byte[MappedHandoverJournal.SLOTS * 8];
        older[8] = 5; // an entry of a journal without the header
        Files.write(file, older);
        assertThatThrownBy(() -> MappedHandoverJournal.open(file)).isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("remove the file");
        assertThat(Files.readAllBytes(file)).as("left as it was").startsWith(older);

        Files.write(file, new byte[64]); // zeros: nothing was ever written
        try (MappedHandoverJournal journal = MappedHandoverJournal.open(file)) {
            assertThat(journal.leftByLastRun()).isEmpty();
        }
    }

    @Test
    void refusesWhatIsNotARowId() {
        try (MappedHandoverJournal journal = MappedHandoverJournal.open(dir.resolve("handover.journal"))) {
            assertThatThrownBy(() -> journal.handingOver(0, WAIT)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> journal.handingOver(1L << 61, WAIT)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
