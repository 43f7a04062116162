package dev.audience.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.audience.config.AudienceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs to stderr, as text for people (the default) or one JSON object a line for log pipelines. */
public final class LogSetup {
    private LogSetup() {}

    public static void apply(AudienceConfig.Log log) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        ctx.reset();
        Encoder<ILoggingEvent> encoder;
        if (log.format().equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(ctx);
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %msg%n");
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(ctx);
        out.setTarget("System.err");
        out.setEncoder(encoder);
        out.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(out);
        root.setLevel(Level.toLevel(log.level(), Level.INFO));
        // Libraries are chatty at info; their warnings still show.
        for (String noisy : new String[]{"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            ctx.getLogger(noisy).setLevel(Level.WARN);
        }
    }
}
