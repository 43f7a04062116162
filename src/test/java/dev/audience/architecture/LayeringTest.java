package dev.audience.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrows point inward: the domain packages know nothing of HTTP, JDBC, the stores or the CLI. */
class LayeringTest {
    private static final List<String> DOMAIN = List.of("common", "profile", "event", "apikey", "segment", "user", "experiment",
            "campaign", "banner", "delivery");
    private static final List<String> FORBIDDEN = List.of("import io.javalin", "import java.sql", "import javax.sql",
            "import dev.audience.http", "import dev.audience.storage", "import dev.audience.cli", "import dev.audience.app",
            "import org.duckdb", "import org.sqlite", "import org.postgresql", "import com.zaxxer", "import org.flywaydb",
            "import com.fasterxml.jackson");

    @Test
    void domainPackagesImportNoEdge() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : DOMAIN) {
            Path dir = Path.of("src/main/java/dev/audience", pkg);
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        for (String bad : FORBIDDEN) {
                            if (line.startsWith(bad)) violations.add(f + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
