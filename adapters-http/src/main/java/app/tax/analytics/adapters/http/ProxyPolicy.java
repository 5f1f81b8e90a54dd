package app.tax.analytics.adapters.http;

/**
 * Whether the client address may be taken from proxy headers ({@code TRUST_PROXY}). Only behind a proxy
 * that overwrites {@code CF-Connecting-IP} / {@code X-Forwarded-For}: otherwise any client could claim any
 * address, and so dodge the per-IP rate limit.
 */
public record ProxyPolicy(boolean trustProxy) {
}
