package dev.audience.cli;

import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The options every command that opens storage shares: --config and --data. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties: key = value).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for the embedded store.")
    Path data;

    AudienceConfig load(Map<String, String> extra, String defaultDataDir) {
        Map<String, String> overrides = new HashMap<>(extra);
        if (data != null) overrides.put("data.dir", data.toString());
        Map<String, String> defaults = defaultDataDir == null ? Map.of() : Map.of("data.dir", defaultDataDir);
        return new ConfigLoader(System.getenv()).load(Optional.ofNullable(config), defaults, overrides);
    }
}
