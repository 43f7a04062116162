package dev.audience.segment;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.profile.ProfileRules;
import dev.audience.profile.ProfileStore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Edits of static segments: members added or removed by userId, and CSV imports. Each edit is one new version. */
public final class StaticMembers {
    public static final int MAX_PER_CALL = 10_000;
    public static final int MAX_PROBLEMS_LISTED = 1000;
    private static final int CHUNK = 5000;

    private final SegmentService segments;
    private final ProfileStore profiles;

    public StaticMembers(SegmentService segments, ProfileStore profiles) {
        this.segments = segments;
        this.profiles = profiles;
    }

    /** What an edit did: members that changed, ids that were members already (or not), and ids with no profile. */
    public record Edit(int changed, int unchanged, List<String> unknown, long version) {}

    public Edit add(String key, List<String> userIds) {
        return edit(key, userIds, true);
    }

    public Edit remove(String key, List<String> userIds) {
        return edit(key, userIds, false);
    }

    private Edit edit(String key, List<String> userIds, boolean add) {
        staticSegment(key);
        if (userIds.isEmpty()) throw new InvalidInputException("userIds", "must name at least one user");
        if (userIds.size() > MAX_PER_CALL) {
            throw new InvalidInputException("userIds", "at most " + MAX_PER_CALL + " per call, got " + userIds.size());
        }
        Map<String, Integer> found = profiles.existingOrdinals(userIds);
        List<String> unknown = userIds.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        RoaringBitmap ordinals = new RoaringBitmap();
        found.values().forEach(ordinals::add);
        int[] changed = new int[1];
        Snapshot s = segments.writeVersion(key, members -> {
            changed[0] = (int) (add ? RoaringBitmap.andNotCardinality(ordinals, members)
                    : RoaringBitmap.andCardinality(ordinals, members));
            if (add) members.or(ordinals);
            else members.andNot(ordinals);
            return members;
        }, segments.now());
        return new Edit(changed[0], found.size() - changed[0], unknown, s.version());
    }

    public record ImportProblem(long row, String value, String problem) {}

    public record ImportReport(long rows, long matched, long added, long problems, List<ImportProblem> problemList,
                               long version) {}

    /**
     * Imports a CSV with a header row naming a {@code userId} or an {@code email} column. Every row is
     * checked on its own; the good ones are added in one new version, the others are reported with their
     * row number (the header is row 1). A malformed stretch (an unclosed quote) is reported where it starts.
     */
    public ImportReport importCsv(String key, Reader csv) {
        staticSegment(key);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        csv = withoutByteOrderMark(csv);
        List<ImportProblem> problems = new ArrayList<>();
        long problemCount = 0, rows = 0, matched = 0;
        RoaringBitmap ordinals = new RoaringBitmap();
        try (CSVParser parser = format.parse(csv)) {
            String column = column(parser.getHeaderNames());
            boolean byEmail = column.equalsIgnoreCase("email");
            Map<String, Long> seen = new HashMap<>();
            Map<Long, String> chunk = new LinkedHashMap<>();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problemCount++;
                    problems.add(new ImportProblem(rows + 2, null, "the file is malformed from here on: " + e.getMessage()));
                    break;
                }
                rows++;
                long row = r.getRecordNumber() + 1;
                String value = r.isSet(column) ? r.get(column) : "";
                String problem = null;
                String normal = byEmail ? value.toLowerCase(Locale.ROOT) : value;
                if (value.isEmpty()) problem = "no " + column + " in this row";
                else if (byEmail && !ProfileRules.validEmail(value)) problem = "not an email address";
                else if (seen.containsKey(normal)) problem = "duplicate of row " + seen.get(normal);
                if (problem != null) {
                    problemCount++;
                    if (problems.size() < MAX_PROBLEMS_LISTED) problems.add(new ImportProblem(row, value, problem));
                    continue;
                }
                seen.put(normal, row);
                chunk.put(row, normal);
                if (chunk.size() == CHUNK) {
                    long[] counts = resolve(chunk, byEmail, ordinals, problems);
                    matched += counts[0];
                    problemCount += counts[1];
                    chunk.clear();
                }
            }
            long[] counts = resolve(chunk, byEmail, ordinals, problems);
            matched += counts[0];
            problemCount += counts[1];
        } catch (IOException | IllegalArgumentException e) {
            // commons-csv says "duplicate header", "header name missing" and the like with an IllegalArgumentException
            throw new InvalidInputException("body", "the CSV could not be read: " + e.getMessage());
        }
        long[] added = new long[1];
        Snapshot s = segments.writeVersion(key, members -> {
            added[0] = RoaringBitmap.andNotCardinality(ordinals, members);
            members.or(ordinals);
            return members;
        }, segments.now());
        problems.sort(java.util.Comparator.comparingLong(ImportProblem::row));
        return new ImportReport(rows, matched, added[0], problemCount, problems, s.version());
    }

    /** Looks a chunk of rows up; returns {matched rows, problem rows}. */
    private long[] resolve(Map<Long, String> chunk, boolean byEmail, RoaringBitmap ordinals, List<ImportProblem> problems) {
        if (chunk.isEmpty()) return new long[]{0, 0};
        long matched = 0, missing = 0;
        if (byEmail) {
            Map<String, List<Integer>> found = profiles.ordinalsByEmail(chunk.values());
            for (var e : chunk.entrySet()) {
                List<Integer> os = found.get(e.getValue());
                if (os == null) {
                    missing++;
                    if (problems.size() < MAX_PROBLEMS_LISTED) {
                        problems.add(new ImportProblem(e.getKey(), e.getValue(), "no profile has this email"));
                    }
                } else {
                    matched++;
                    os.forEach(ordinals::add);
                }
            }
        } else {
            Map<String, Integer> found = profiles.existingOrdinals(chunk.values());
            for (var e : chunk.entrySet()) {
                Integer o = found.get(e.getValue());
                if (o == null) {
                    missing++;
                    if (problems.size() < MAX_PROBLEMS_LISTED) {
                        problems.add(new ImportProblem(e.getKey(), e.getValue(), "unknown user"));
                    }
                } else {
                    matched++;
                    ordinals.add(o);
                }
            }
        }
        return new long[]{matched, missing};
    }

    /** Spreadsheets save "CSV UTF-8" with a byte order mark, which would stick to the first column's name. */
    private static Reader withoutByteOrderMark(Reader csv) {
        java.io.PushbackReader r = new java.io.PushbackReader(csv, 1);
        try {
            int first = r.read();
            if (first != -1 && first != '\uFEFF') r.unread(first);
        } catch (IOException e) {
            throw new InvalidInputException("body", "the CSV could not be read: " + e.getMessage());
        }
        return r;
    }

    private static String column(List<String> header) {
        for (String name : List.of("userId", "email")) {
            long n = header.stream().filter(h -> h.equalsIgnoreCase(name)).count();
            if (n > 1) throw new InvalidInputException("body", "the CSV's header names " + name + " " + n
                    + " times; which column to use is unclear");
        }
        for (String h : header) if (h.equals("userId")) return h;
        for (String h : header) if (h.equalsIgnoreCase("email")) return h;
        throw new InvalidInputException("body", "the CSV needs a header row with a userId or an email column; found: "
                + (header.isEmpty() ? "no header" : String.join(", ", header)));
    }

    private void staticSegment(String key) {
        Segment s = segments.find(key);
        if (s.type() != SegmentType.STATIC) {
            throw new ConflictException("segment \"" + key + "\" is " + s.type().wireName()
                    + "; members are added and removed only in static segments");
        }
    }
}
