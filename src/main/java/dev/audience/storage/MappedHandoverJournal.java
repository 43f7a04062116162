package dev.audience.storage;

import dev.audience.delivery.HandoverJournal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The handover journal as a small file mapped into memory beside the embedded store: one 8-byte slot per row being
 * handed over, holding the row id and how far it got. A store into a mapped page is in the kernel's page cache the
 * moment it is made, so it outlives the process however it dies (kill -9 included), at the cost of a memory write:
 * no system call, no commit. Like the embedded ledger itself (SQLite in WAL mode with synchronous=NORMAL), what an
 * operating-system crash or power cut catches in the page cache can be lost.
 *
 * <p>The file starts with a header naming the node (the run) whose claims the entries are: the ledger takes in only
 * entries of rows that node holds, so a journal beside a store restored from elsewhere changes nothing. Then the
 * slots: each written with one aligned 8-byte volatile store, so it is never seen half-written: the row id in the
 * upper 62 bits, the state in the lower two (1: handing over, 2: accepted, 3: refused; 0: a free slot).
 */
public final class MappedHandoverJournal implements HandoverJournal {
    /** Rows in the journal at once: sending threads' rows whose outcome the ledger has not committed yet. */
    static final int SLOTS = 1024;
    /** The header: the format's mark (8 bytes), then the node's id as a 2-byte length and its UTF-8 bytes. */
    static final int HEADER = 256;
    /** "AUDHOJ" and the format's version, 1. */
    private static final long MAGIC = 0x4155_4448_4F4A_0001L;
    private static final int NODE = 8;
    private static final long HANDING_OVER = 1;
    private static final long ACCEPTED = 2;
    private static final long REFUSED = 3;
    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final FileChannel file;
    private final MappedByteBuffer slots;
    private final int count;
    /** The row id in each slot, as written by the thread that took the slot. */
    private final long[] ids;
    private final ArrayBlockingQueue<Integer> free;
    /** The slots the last run left holding a row: kept until {@link #forgetLeftByLastRun}. */
    private final List<Integer> left = new ArrayList<>();

    private MappedHandoverJournal(Path path, FileChannel file, MappedByteBuffer slots, int count) {
        this.path = path;
        this.file = file;
        this.slots = slots;
        this.count = count;
        this.ids = new long[count];
        this.free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            if ((long) SLOT.getVolatile(slots, offset(i)) == 0) free.add(i);
            else left.add(i);
        }
    }

    /** Opens (or creates) the journal file; what a previous run left in it is kept until {@link #forgetLeftByLastRun}. */
    public static MappedHandoverJournal open(Path path) {
        try {
            FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                long size = HEADER + Math.max((file.size() - HEADER) / 8 * 8, SLOTS * 8L);
                MappedByteBuffer slots = file.map(FileChannel.MapMode.READ_WRITE, 0, size);
                if (slots.getLong(0) != MAGIC) {
                    if (!allZero(slots)) {
                        throw new StorageException(path + " is not a handover journal this version of Audience can read; it"
                                + " may hold messages that were leaving when a server stopped. With no server running on this"
                                + " data directory, check the ledger's claimed rows, then remove the file", null);
                    }
                    slots.putLong(0, MAGIC); // a new journal
                }
                return new MappedHandoverJournal(path, file, slots, (int) ((size - HEADER) / 8));
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("cannot open the handover journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean allZero(MappedByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            if (b.get(i) != 0) return false;
        }
        return true;
    }

    @Override
    public int handingOver(long deliveryId, java.time.Duration wait) {
        if (deliveryId <= 0 || deliveryId >= 1L << 61) throw new IllegalArgumentException("not a row id: " + deliveryId);
        Integer slot;
        try {
            slot = free.poll(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (slot == null) return -1;
        ids[slot] = deliveryId;
        SLOT.setVolatile(slots, offset(slot), deliveryId << 2 | HANDING_OVER);
        return slot;
    }

    @Override
    public void answered(int slot, boolean accepted) {
        SLOT.setVolatile(slots, offset(slot), ids[slot] << 2 | (accepted ? ACCEPTED : REFUSED));
    }

    @Override
    public void settled(int slot) {
        SLOT.setVolatile(slots, offset(slot), 0L);
        free.add(slot);
    }

    @Override
    public synchronized List<Entry> leftByLastRun() {
        List<Entry> out = new ArrayList<>(left.size());
        for (int i : left) {
            long v = (long) SLOT.getVolatile(slots, offset(i));
            long state = v & 3;
            out.add(new Entry(v >>> 2, state != HANDING_OVER, state == ACCEPTED));
        }
        return out;
    }

    @Override
    public synchronized void forgetLeftByLastRun() {
        for (int i : left) {
            SLOT.setVolatile(slots, offset(i), 0L);
            free.add(i);
        }
        left.clear();
    }

    @Override
    public synchronized String namedNode() {
        int length = Short.toUnsignedInt(slots.getShort(NODE));
        if (length == 0 || length > HEADER - NODE - 2) return "";
        byte[] b = new byte[length];
        slots.get(NODE + 2, b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void beginRun(String node) {
        byte[] b = node.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > HEADER - NODE - 2) {
            throw new IllegalArgumentException("a node id of 1 to " + (HEADER - NODE - 2) + " bytes: " + node);
        }
        if (!left.isEmpty()) throw new IllegalStateException("the last run's entries are not taken in yet");
        slots.putShort(NODE, (short) 0); // no node while it is being written (it has no entries yet either)
        slots.put(NODE + 2, b);
        slots.putShort(NODE, (short) b.length);
    }

    private static int offset(int slot) {
        return HEADER + slot * 8;
    }

    @Override
    public void close() {
        try {
            slots.force();
            file.close();
        } catch (IOException e) {
            throw new StorageException("cannot close the handover journal " + path + ": " + e.getMessage(), e);
        }
    }
}
