package dev.audience.event;

/** What an append did: how many events were stored and how many were dropped as repeated messageIds. */
public record AppendResult(int stored, int duplicates) {}
