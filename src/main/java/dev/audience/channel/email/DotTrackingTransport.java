package dev.audience.channel.email;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.IOException;

/**
 * An SMTP transport that knows whether the message's final "." went out. When the connection then fails
 * without a reply, the relay may have accepted the message: sending it again could deliver it twice, so
 * the sender reports the outcome as unknown instead of temporary.
 */
final class DotTrackingTransport extends SMTPTransport {
    private volatile boolean dotSent;

    DotTrackingTransport(Session session, URLName url) {
        super(session, url);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dotSent = false;
        super.sendMessage(message, addresses);
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dotSent = true; // before the dot is written: from here a lost reply leaves the outcome unknown
        super.finishData();
    }

    boolean dotSent() {
        return dotSent;
    }
}
