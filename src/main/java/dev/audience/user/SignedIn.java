package dev.audience.user;

/** A request's session and its user as stored now (so a role change or a removal counts at the next request). */
public record SignedIn(ConsoleUser user, Session session) {}
