package dev.audience.segment;

import dev.audience.segment.lang.Condition;
import dev.audience.segment.lang.Op;
import dev.audience.segment.lang.PropertyFilter;
import dev.audience.segment.sql.PropertyColumn;
import dev.audience.segment.sql.PropertyType;

import java.util.LinkedHashSet;
import java.util.Set;

/** What a condition tree refers to: other segments, and event properties read as a type. */
public final class Conditions {
    private Conditions() {}

    public static Set<String> segmentKeys(Condition c) {
        Set<String> out = new LinkedHashSet<>();
        walk(c, out, null);
        return out;
    }

    /** Typed property reads that deserve a promoted column (presence tests read no type). */
    public static Set<PropertyColumn> propertyColumns(Condition c) {
        Set<PropertyColumn> out = new LinkedHashSet<>();
        walk(c, null, out);
        return out;
    }

    private static void walk(Condition c, Set<String> keys, Set<PropertyColumn> columns) {
        switch (c) {
            case Condition.And and -> and.items().forEach(i -> walk(i, keys, columns));
            case Condition.Or or -> or.items().forEach(i -> walk(i, keys, columns));
            case Condition.Not not -> walk(not.item(), keys, columns);
            case Condition.InSegment in -> {
                if (keys != null) keys.add(in.key());
            }
            case Condition.Did did -> {
                if (columns == null) return;
                for (PropertyFilter f : did.where()) {
                    if (f.op() == Op.IS_SET || f.op() == Op.IS_NOT_SET) continue;
                    columns.add(new PropertyColumn(f.property(), PropertyType.of(f.op(), f.values())));
                }
            }
            case Condition.ProfileMatch m -> { }
        }
    }
}
