package dev.audience.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser, on reports wrk 4.1.0 (Debian 12) printed on this kind of machine. */
class WrkLoadTest {

    /** Against FixedJsonServer: every answer 200, latencies in us and ms. */
    @Test
    void aCleanRun() {
        WrkLoad.Result r = WrkLoad.parse("""
                Running 2s test @ http://127.0.0.1:41793/
                  2 threads and 32 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     1.03ms    1.34ms  19.79ms   91.49%
                    Req/Sec    20.67k     9.48k   39.14k    70.00%
                  Latency Distribution
                     50%  622.00us
                     75%    1.03ms
                     90%    2.07ms
                     99%    7.22ms
                  82345 requests in 2.01s, 11.54MB read
                Requests/sec:  41014.10
                Transfer/sec:      5.75MB
                """);
        assertThat(r).isEqualTo(new WrkLoad.Result(41014.10, 622, 7220, 82345, 0, 0));
    }

    /** Against a server that answered some requests 503, closed some connections unanswered and made some
     *  wait past wrk's 2 s timeout; wrk writes a latency in seconds with a trailing space. */
    @Test
    void errorResponsesSocketErrorsAndSeconds() {
        WrkLoad.Result r = WrkLoad.parse("""
                Running 3s test @ http://127.0.0.1:18933/
                  2 threads and 32 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency   139.15ms  280.60ms   1.73s    89.27%
                    Req/Sec   157.68     61.01   310.00     70.00%
                  Latency Distribution
                     50%   44.00ms
                     75%   47.93ms
                     90%  467.62ms
                     99%    1.34s\s
                  798 requests in 3.00s, 124.56KB read
                  Socket errors: connect 0, read 83, write 0, timeout 1
                  Non-2xx or 3xx responses: 115
                Requests/sec:    265.59
                Transfer/sec:     41.46KB
                """);
        assertThat(r).isEqualTo(new WrkLoad.Result(265.59, 44_000, 1_340_000, 798, 115, 84));
    }

    /** Against a server that answered every request 404. */
    @Test
    void onlyErrorResponses() {
        WrkLoad.Result r = WrkLoad.parse("""
                Running 2s test @ http://127.0.0.1:18931/missing
                  2 threads and 32 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency    21.32ms   94.14ms 838.49ms   95.26%
                    Req/Sec     1.40k   732.63     2.71k    43.90%
                  Latency Distribution
                     50%    2.12ms
                     75%    2.45ms
                     90%    3.11ms
                     99%  602.65ms
                  5701 requests in 2.10s, 2.83MB read
                  Non-2xx or 3xx responses: 5701
                Requests/sec:   2715.91
                Transfer/sec:      1.35MB
                """);
        assertThat(r).isEqualTo(new WrkLoad.Result(2715.91, 2120, 602_650, 5701, 5701, 0));
    }

    @Test
    void aReportWithoutLatencyDistributionIsRefusedWithTheReport() {
        assertThatThrownBy(() -> WrkLoad.parse("unable to connect to 127.0.0.1:18932 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--latency")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void atLeastOneSecond() {
        assertThatThrownBy(() -> new WrkLoad(0, List.of())).hasMessageContaining("seconds must be at least 1");
    }
}
