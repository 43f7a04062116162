package dev.audience.segment.lang;

import dev.audience.profile.EmailStatus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Which operators and values make sense for what is compared: an event property or attribute (any JSON
 * value), email_status (one of four words), created_at / updated_at (times) and the text fields. A definition
 * that breaks one of these would compile to a query that quietly matches nobody, so it is refused instead.
 */
final class MatchRules {
    private static final Set<Op> COMPARISONS = Set.of(Op.LT, Op.LE, Op.GT, Op.GE);
    private static final Set<Op> EMAIL_STATUS_OPS = Set.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN);
    private static final Set<Op> TEXT_OPS = Set.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.STARTS_WITH,
            Op.IS_SET, Op.IS_NOT_SET);

    private MatchRules() {}

    static Problem property(PropertyFilter filter, String event) {
        return anyValue("property \"" + filter.property() + "\" of " + event, filter.op(), filter.values());
    }

    static Problem profile(Condition.ProfileMatch match) {
        ProfileField field = match.field();
        if (field.attribute()) {
            String subject = "attribute \"" + field.name() + "\"";
            if (match.op() == Op.WITHIN) {
                return Problem.of(subject + ": 'in last' and 'between' apply to created_at and updated_at only");
            }
            return anyValue(subject, match.op(), match.values());
        }
        return switch (field.name()) {
            case "email_status" -> emailStatus(match.op(), match.values());
            case "created_at", "updated_at" -> time(field.name(), match);
            default -> text(field.name(), match.op(), match.values());
        };
    }

    /** Event properties and attributes hold any JSON value: numbers for order, text for text operators. */
    private static Problem anyValue(String subject, Op op, List<Value> values) {
        Problem count = valueCount(subject, op, values);
        if (count != null) return count;
        for (Value v : values) {
            if (v instanceof Value.Time) {
                return new Problem(v, subject + ": a date or time compares only with created_at or updated_at; "
                        + "to compare text, put it in quotes, as in \"" + TimeLiteral.format(((Value.Time) v).value()) + "\"");
            }
        }
        if (COMPARISONS.contains(op) && !(values.get(0) instanceof Value.Number)) {
            Value v = values.get(0);
            return new Problem(v, subject + ": '" + op.text() + "' compares numbers, found " + describe(v) + numberHint(v));
        }
        if ((op == Op.CONTAINS || op == Op.STARTS_WITH) && !(values.get(0) instanceof Value.Text)) {
            Value v = values.get(0);
            return new Problem(v, subject + ": '" + op.text() + "' needs text in quotes, found " + describe(v));
        }
        return null;
    }

    private static Problem emailStatus(Op op, List<Value> values) {
        if (!EMAIL_STATUS_OPS.contains(op)) return Problem.of("email_status takes =, !=, in or not in, not '" + op.text() + "'");
        Problem count = valueCount("email_status", op, values);
        if (count != null) return count;
        for (Value v : values) {
            if (!(v instanceof Value.Text t) || EmailStatus.fromWire(t.value()).isEmpty()) {
                return new Problem(v, "email_status is one of " + EmailStatus.allowed() + "; found " + describe(v));
            }
        }
        return null;
    }

    private static Problem time(String field, Condition.ProfileMatch match) {
        if (match.op() == Op.WITHIN) {
            if (match.window() instanceof Window.Ever) {
                return Problem.of(field + " takes 'in last N days' or 'between DATE and DATE', not 'ever'");
            }
            return null;
        }
        if (!COMPARISONS.contains(match.op())) {
            return Problem.of(field + " takes 'in last', 'between', or <, <=, >, >= with a date or time, not '"
                    + match.op().text() + "'");
        }
        Problem count = valueCount(field, match.op(), match.values());
        if (count != null) return count;
        Value v = match.values().get(0);
        if (!(v instanceof Value.Time)) {
            return new Problem(v, field + ": '" + match.op().text() + "' compares with " + TimeLiteral.expectation()
                    + ", found " + describe(v));
        }
        return null;
    }

    private static Problem text(String field, Op op, List<Value> values) {
        if (!TEXT_OPS.contains(op)) {
            return Problem.of(field + " takes =, !=, in, not in, contains, starts with, is set or is not set, not '"
                    + op.text() + "'");
        }
        Problem count = valueCount(field, op, values);
        if (count != null) return count;
        for (Value v : values) {
            if (!(v instanceof Value.Text)) return new Problem(v, field + " compares with text in quotes, found " + describe(v));
        }
        return null;
    }

    /** None for is set / is not set, one or more of one type for in / not in, exactly one otherwise. */
    private static Problem valueCount(String subject, Op op, List<Value> values) {
        switch (op) {
            case IS_SET, IS_NOT_SET -> {
                if (!values.isEmpty()) return new Problem(values.get(0), subject + ": '" + op.text() + "' takes no value");
            }
            case IN, NOT_IN -> {
                if (values.isEmpty()) return Problem.of(subject + ": '" + op.text() + "' needs at least one value");
                for (Value v : values) {
                    if (v.getClass() != values.get(0).getClass()) {
                        return new Problem(v, subject + ": the values of '" + op.text() + "' must all be of one type, found "
                                + typeName(values.get(0)) + " and " + typeName(v));
                    }
                }
            }
            default -> {
                if (values.size() != 1) {
                    return Problem.of(subject + ": '" + op.text() + "' takes exactly one value, found " + values.size());
                }
            }
        }
        return null;
    }

    static String describe(Value v) {
        return switch (v) {
            case Value.Text t -> "the text " + TextRenderer.string(t.value());
            case Value.Number n -> "the number " + n.value().toPlainString();
            case Value.Bool b -> "the value " + b.value();
            case Value.Time t -> (TimeLiteral.isMidnight(t.value()) ? "the date " : "the time ") + TimeLiteral.format(t.value());
        };
    }

    private static String typeName(Value v) {
        return switch (v) {
            case Value.Text t -> "text";
            case Value.Number n -> "a number";
            case Value.Bool b -> "true/false";
            case Value.Time t -> "a date or time";
        };
    }

    /** Text that reads as a number was most likely meant as one. */
    private static String numberHint(Value v) {
        if (!(v instanceof Value.Text t)) return "";
        try {
            new BigDecimal(t.value().trim());
            return " (write " + t.value().trim() + " without quotes to compare numbers)";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
