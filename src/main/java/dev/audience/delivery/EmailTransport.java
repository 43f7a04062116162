package dev.audience.delivery;

import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Hands emails to the relay (the SMTP sender); thread-safe, each {@link Line} used by one thread. */
public interface EmailTransport {
    /**
     * Sends {@code message}; its content goes out only if {@code beforeContent}, asked once the relay is ready for
     * the content, returns true. Otherwise nothing is delivered (the outcome is then a temporary failure).
     */
    SmtpOutcome send(EmailMessage message, BooleanSupplier beforeContent);

    /**
     * Messages one after another from one thread. Here each is sent alone and its outcome reported before
     * {@link Line#send} returns; the SMTP sender's own line reports a message's outcome later, during the next send
     * (its final dot goes out with the next envelope), but always before that next message's gate is asked.
     */
    default Line line() {
        return Line.of((message, beforeContent, outcome) -> outcome.accept(send(message, beforeContent)), () -> { }, () -> { });
    }

    /** A run of messages from one thread; every outcome is reported by the time {@link #settle} or {@link #close} returns. */
    interface Line extends AutoCloseable {
        void send(EmailMessage message, BooleanSupplier beforeContent, Consumer<SmtpOutcome> outcome);

        /** Reports the outcome still pending now. */
        void settle();

        @Override
        void close();

        /** How a line sends (the shape of {@link #send}). */
        @FunctionalInterface
        interface Sends {
            void send(EmailMessage message, BooleanSupplier beforeContent, Consumer<SmtpOutcome> outcome);
        }

        /** A line made of its three operations: for adapters over a sender's own line. */
        static Line of(Sends sends, Runnable settle, Runnable close) {
            return new Line() {
                @Override
                public void send(EmailMessage message, BooleanSupplier beforeContent, Consumer<SmtpOutcome> outcome) {
                    sends.send(message, beforeContent, outcome);
                }

                @Override
                public void settle() {
                    settle.run();
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }
}
