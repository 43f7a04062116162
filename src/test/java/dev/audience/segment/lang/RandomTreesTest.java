package dev.audience.segment.lang;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round-trip property over many generated trees, with the awkward cases mixed in: keywords and spaces in
 * names, attributes named like built-in fields, quotes and control characters in text, odd numbers and times.
 */
class RandomTreesTest {
    private static final List<String> NAMES = List.of("page_view", "Signed Up", "not", "where", "in", "did", "and",
            "a`b", "$identify", "x.y:z-1", "é", "attributes.x", "segment", "ever");
    private static final List<String> TEXTS = List.of("", "pro", "a\"b", "back\\slash", "it's", "tick`", "line\nbreak",
            "tab\t", "\u0001", "é ü", "2026-01-01");
    private static final List<String> NUMBERS = List.of("0", "-1", "12.50", "0.0001", "123456789012345678901234567890");
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-31T10:00:00Z"), Instant.parse("2026-02-01T10:00:00.123456789Z"),
            Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));

    private final Random random = new Random(20260131);

    @Test
    void textAndJsonGiveBackTheSameTree() {
        for (int k = 0; k < 2000; k++) {
            Condition tree = condition(3, null);
            String text = TextRenderer.render(tree);
            assertThat(TextParser.parse(text).condition()).as(text).isEqualTo(tree);
            assertThat(JsonForm.read(JsonForm.write(tree))).as(text).isEqualTo(tree);
        }
    }

    private Condition condition(int depth, Class<?> parent) {
        int kind = random.nextInt(depth > 0 ? 6 : 3);
        if (kind == 3 && parent != Condition.And.class) return new Condition.And(items(depth, Condition.And.class));
        if (kind == 4 && parent != Condition.Or.class) return new Condition.Or(items(depth, Condition.Or.class));
        if (kind == 5) return new Condition.Not(condition(depth - 1, Condition.Not.class));
        return switch (kind % 3) {
            case 0 -> did();
            case 1 -> profile();
            default -> new Condition.InSegment(pick(TEXTS));
        };
    }

    private List<Condition> items(int depth, Class<?> kind) {
        List<Condition> items = new ArrayList<>();
        int n = 2 + random.nextInt(2);
        for (int k = 0; k < n; k++) items.add(condition(depth - 1, kind));
        return items;
    }

    private Condition did() {
        List<PropertyFilter> where = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            Op op = pick(List.of(Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.STARTS_WITH,
                    Op.IS_SET, Op.IS_NOT_SET));
            where.add(new PropertyFilter(pick(NAMES), op, values(op)));
        }
        Count count = random.nextBoolean() ? Count.AT_LEAST_ONCE
                : new Count(pick(List.of(Count.Kind.values())), random.nextInt(5));
        return new Condition.Did(pick(NAMES), where, count, window(true));
    }

    private Condition profile() {
        boolean builtIn = random.nextBoolean();
        ProfileField field = builtIn ? ProfileField.builtIn(pick(List.copyOf(ProfileField.BUILT_IN)))
                : ProfileField.attribute(pick(random.nextBoolean() ? NAMES : List.copyOf(ProfileField.BUILT_IN)));
        if (field.isTime()) {
            if (random.nextBoolean()) return new Condition.ProfileMatch(field, Op.WITHIN, List.of(), window(false));
            Op op = pick(List.of(Op.LT, Op.LE, Op.GT, Op.GE));
            return new Condition.ProfileMatch(field, op, List.of(new Value.Time(pick(INSTANTS))), null);
        }
        Op op = pick(List.of(Op.EQ, Op.NE, Op.LT, Op.GE, Op.IN, Op.NOT_IN, Op.CONTAINS, Op.STARTS_WITH, Op.IS_SET));
        return new Condition.ProfileMatch(field, op, values(op), null);
    }

    private List<Value> values(Op op) {
        return switch (op) {
            case IS_SET, IS_NOT_SET -> List.of();
            case IN, NOT_IN -> List.of(value(), value(), value()).subList(0, 1 + random.nextInt(3));
            case CONTAINS, STARTS_WITH -> List.of(new Value.Text(pick(TEXTS)));
            default -> List.of(value());
        };
    }

    private Value value() {
        return switch (random.nextInt(3)) {
            case 0 -> new Value.Text(pick(TEXTS));
            case 1 -> new Value.Number(new BigDecimal(pick(NUMBERS)));
            default -> new Value.Bool(random.nextBoolean());
        };
    }

    private Window window(boolean everAllowed) {
        int kind = random.nextInt(everAllowed ? 3 : 2);
        if (kind == 2) return new Window.Ever();
        if (kind == 1) return new Window.Last(random.nextInt(100), pick(List.of(Window.TimeUnit.values())));
        return new Window.Between(pick(INSTANTS), pick(INSTANTS));
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
