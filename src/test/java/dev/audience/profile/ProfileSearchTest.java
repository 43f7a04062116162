package dev.audience.profile;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's profile search: exact userId and email first, then userIds and emails that start with the text. */
@ParameterizedClass
@EnumSource(Backend.class)
class ProfileSearchTest {
    @Parameter
    Backend backend;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        put("anna", "Anna.K@Example.com");
        put("ann", "someone@example.com");
        put("annabel", null);
        put("bob", "ann@example.org");
        put("100%_sure", null);
        put("100xxsure", null);
    }

    private static void put(String userId, String email) {
        server.app.profiles().put(userId, new ProfileChanges(email == null ? dev.audience.common.Change.absent() : dev.audience.common.Change.to(email), dev.audience.common.Change.absent(),
                dev.audience.common.Change.absent(), dev.audience.common.Change.absent(), Map.of()));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static List<String> search(String text) {
        return server.app.profiles().search(text, 10).stream().map(Profile::userId).toList();
    }

    @Test
    void anExactUserIdComesFirstThenPrefixesOfUserIdsAndEmails() {
        assertThat(search("ann")).containsExactly("ann", "anna", "annabel", "bob");
        assertThat(search("ANNA")).containsExactly("anna", "annabel");
    }

    @Test
    void anEmailMatchesWhateverItsCase() {
        assertThat(search("anna.k@example.com")).containsExactly("anna");
        assertThat(search("  Someone@EXAMPLE.com ")).containsExactly("ann");
    }

    @Test
    void wildcardsAreTakenLiterally() {
        assertThat(search("100%_")).containsExactly("100%_sure");
        assertThat(search("%")).isEmpty();
        assertThat(search("")).isEmpty();
    }

    @Test
    void atMostTheLimit() {
        assertThat(server.app.profiles().search("a", 2)).hasSize(2);
    }
}
