package dev.audience.http.console;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The client's address, for the sign-in throttle and the log. Behind a reverse proxy on the same host or network (the
 * connection comes from a loopback or private address and carries {@code X-Forwarded-For}), it is the last address of
 * that header: the one the proxy itself saw, which a client cannot choose (it can only add addresses before it).
 * Otherwise, the connection's own address. A client on a private network talking to the server directly could thus
 * name another address; that only spreads its failures over addresses, the per-email limit still holds.
 */
final class ClientAddress {
    private static final Pattern LITERAL = Pattern.compile(
            "^(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?]?)$");
    private ClientAddress() {}

    static String of(Context ctx) {
        String direct = ctx.ip();
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !nearby(direct)) return direct;
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].strip();
        return last.isEmpty() || last.length() > 45 ? direct : last;
    }

    /** Loopback or a private (site-local, link-local, unique-local) address: where a reverse proxy would be. */
    private static boolean nearby(String ip) {
        if (ip == null || !LITERAL.matcher(ip).matches()) return false; // a literal is parsed, never looked up
        try {
            InetAddress a = InetAddress.getByName(ip);
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
