package dev.audience.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A node's id: the host name (for people reading the ledger and the logs) and 6 random bytes (so that two
 * processes, or two instances in one JVM, never share one). A new id each start: a restarted node is a new
 * node, and the rows its last run held are recovered like any other dead node's.
 */
final class NodeIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIds() {}

    static String next() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return host() + "-" + HexFormat.of().formatHex(b);
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
