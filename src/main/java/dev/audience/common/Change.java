package dev.audience.common;

/**
 * One field of a partial update: absent (keep what is there) or present with a value, where a null
 * value clears the field.
 */
public record Change<T>(boolean present, T value) {
    private static final Change<?> ABSENT = new Change<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Change<T> absent() {
        return (Change<T>) ABSENT;
    }

    public static <T> Change<T> to(T value) {
        return new Change<>(true, value);
    }

    public T orElse(T current) {
        return present ? value : current;
    }
}
