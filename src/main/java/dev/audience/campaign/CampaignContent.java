package dev.audience.campaign;

/** What a campaign carries, one kind per channel. */
public sealed interface CampaignContent permits EmailContent, BannerContent, PushContent {}
