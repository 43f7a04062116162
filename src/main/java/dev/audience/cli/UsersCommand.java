package dev.audience.cli;

import dev.audience.common.ConflictException;
import dev.audience.common.InvalidInputException;
import dev.audience.config.AudienceConfig;
import dev.audience.storage.StateDatabase;
import dev.audience.storage.StorageFactory;
import dev.audience.user.ConsoleUser;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.PasswordHasher;
import dev.audience.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "users", description = "Manage console users.", mixinStandardHelpOptions = true,
        subcommands = UsersCommand.Create.class)
public final class UsersCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a console user. The password is read from standard input: typed (not shown, twice) "
                    + "at a terminal, or the first line of a pipe, e.g. from a secrets file.",
                    "Safe while the server runs (it opens only the state database)."})
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--email", required = true, paramLabel = "E", description = "The sign-in email.")
        String email;

        @Option(names = "--role", required = true, paramLabel = "admin|editor|viewer",
                description = "admin: everything, users and API keys too; editor: changes segments; viewer: reads only.")
        String role;

        @Override
        public Integer call() {
            Optional<Role> r = Role.fromWire(role);
            if (r.isEmpty()) {
                System.err.println("audience: --role must be admin, editor or viewer, was \"" + role + "\"");
                return 2;
            }
            String password = readPassword();
            if (password == null) {
                System.err.println("audience: no password on standard input (type it, or pipe it in: one line)");
                return 2;
            }
            AudienceConfig config = options.load(Map.of(), null);
            try (StateDatabase state = StorageFactory.openState(config)) {
                ConsoleUser user = new ConsoleUserService(state.stateStores().consoleUsers(), new PasswordHasher(),
                        Clock.systemUTC()).create(email, r.get(), password);
                System.out.println("Created console user " + user.email() + " (" + user.role().wireName() + ")");
                return 0;
            } catch (InvalidInputException e) {
                System.err.println("audience: " + e.getMessage());
                return 2;
            } catch (ConflictException e) {
                System.err.println("audience: " + e.getMessage());
                return 1;
            }
        }

        private String readPassword() {
            Console console = System.console();
            if (console != null && isTerminal(console)) {
                char[] first = console.readPassword("Password for %s (at least %d characters): ", email,
                        ConsoleUserService.MIN_PASSWORD);
                char[] again = console.readPassword("The same password again: ");
                if (first == null || again == null) return null;
                if (!Arrays.equals(first, again)) {
                    System.err.println("audience: the two passwords differ");
                    return null;
                }
                return new String(first);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? null : line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }

        /**
         * Since JDK 22 System.console() is there even when input is piped, and Console.isTerminal() says which; the
         * jar is built for Java 21, where a console is there only at a terminal, so the method is looked up.
         */
        private static boolean isTerminal(Console console) {
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }
}
