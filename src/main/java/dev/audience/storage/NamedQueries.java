package dev.audience.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL kept as SQL: a {@code .sql} resource holds named queries, each introduced by a line
 * {@code -- name: some-name}, followed by comment lines that say why it is shaped so, then the statement.
 * Loaded once; {@link #checkAgainst} prepares every statement at start-up so a typo fails the boot, not a request.
 */
public final class NamedQueries {
    private static final Pattern NAME = Pattern.compile("^--\\s*name:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    private final String resource;
    private final Map<String, String> queries;

    private NamedQueries(String resource, Map<String, String> queries) {
        this.resource = resource;
        this.queries = queries;
    }

    public static NamedQueries load(String resource) {
        String text;
        try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("SQL resource " + resource + " is missing");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"); // a CRLF checkout
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = NAME.matcher(text);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) out.put(name, body(text.substring(start, m.start())));
            name = m.group(1);
            start = m.end();
        }
        if (name != null) out.put(name, body(text.substring(start)));
        return new NamedQueries(resource, out);
    }

    /** The statement without its comment lines and trailing semicolon. */
    private static String body(String chunk) {
        StringBuilder sb = new StringBuilder();
        for (String line : chunk.split("\n")) {
            if (line.strip().startsWith("--")) continue;
            sb.append(line).append('\n');
        }
        String s = sb.toString().strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    public String get(String name) {
        String q = queries.get(name);
        if (q == null) throw new IllegalStateException("no query named '" + name + "' in " + resource);
        return q;
    }

    /** Prepares every query on this connection; the first that the database refuses fails with its name. */
    public NamedQueries checkAgainst(Connection c) {
        for (Map.Entry<String, String> q : queries.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(q.getValue())) {
                ps.getParameterMetaData();
            } catch (SQLException e) {
                throw new IllegalStateException("query '" + q.getKey() + "' in " + resource + " does not prepare: "
                        + e.getMessage(), e);
            }
        }
        return this;
    }
}
