package dev.audience.cli;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.apikey.ApiKeyService;
import dev.audience.config.AudienceConfig;
import dev.audience.storage.StateDatabase;
import dev.audience.storage.StorageFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "keys", description = "Manage API keys.", mixinStandardHelpOptions = true,
        subcommands = KeysCommand.Create.class)
public final class KeysCommand {

    @Command(name = "create", description = "Create an API key and print it (once: only its hash is kept).",
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--type", required = true, paramLabel = "secret|publishable",
                description = "secret: every API; publishable: may only send events and fetch banners (safe in a browser).")
        String type;

        @Override
        public Integer call() {
            Optional<ApiKeyKind> kind = ApiKeyKind.fromWire(type);
            if (kind.isEmpty()) {
                System.err.println("audience: --type must be secret or publishable, was \"" + type + "\"");
                return 2;
            }
            AudienceConfig config = options.load(Map.of(), null);
            try (StateDatabase state = StorageFactory.openState(config)) {
                String key = new ApiKeyService(state.stateStores().apiKeys(), Clock.systemUTC(), Optional.empty()).create(kind.get());
                System.out.println(key);
            }
            return 0;
        }
    }
}
