package dev.audience.segment.lang;

/**
 * The JSON form of a definition, used by the API and the console's builder, on the plain values a JSON
 * library produces (maps, lists, strings, numbers, booleans): this package stays free of any JSON library,
 * and the HTTP edge does the bytes. Each condition is an object with one key:
 * <pre>
 * {"and": [c, ...]}  {"or": [c, ...]}  {"not": c}  {"inSegment": "beta"}
 * {"did": {"event": "page_view", "where": [{"property": "url", "op": "=", "value": "/pricing"}],
 *          "count": {"atLeast": 3}, "window": {"last": 30, "unit": "days"}}}
 * {"didNot": {...}}   {"profile": {"field": "plan", "op": "in", "values": ["pro", "team"]}}
 * </pre>
 * The full shape is in {@code docs/segments.md}.
 */
public final class JsonForm {
    private JsonForm() {}

    /**
     * Reads a JSON value ({@code Map<String, Object>}, {@code List<Object>}, String, Number, Boolean) as a tree.
     *
     * @throws DefinitionException naming the JSON path of the first problem, e.g. {@code and[1].did.where[0].op}
     */
    public static Condition read(Object json) {
        return JsonFormReader.read(json);
    }

    /**
     * Writes a tree as JSON values (insertion-ordered maps, lists, strings, Integer / Long / BigDecimal, booleans),
     * leaving out the defaults (count at least once, window ever, an empty where).
     */
    public static Object write(Condition condition) {
        return JsonFormWriter.write(condition);
    }
}
