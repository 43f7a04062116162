package dev.audience;

import dev.audience.cli.BenchCommand;
import dev.audience.cli.DemoCommand;
import dev.audience.cli.KeysCommand;
import dev.audience.cli.PushCommand;
import dev.audience.cli.ServeCommand;
import dev.audience.cli.UsersCommand;
import dev.audience.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: serve, demo, keys, users, push, bench. */
@Command(name = "audience", mixinStandardHelpOptions = true, version = "Audience 0.1.0",
        description = "Segments and campaigns: who to reach, and what to send them.",
        subcommands = {ServeCommand.class, DemoCommand.class, KeysCommand.class, UsersCommand.class, PushCommand.class,
                BenchCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                System.err.println("audience: configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
