/**
 * The brand design system: renders any touchpoint template for any channel and locale in the brand's look and voice
 * and enforces each channel's rules.
 *
 * <p>Public API: {@link dev.touchpoint.brand.BrandDesignSystem} (build once, share), {@link
 * dev.touchpoint.brand.RenderRequest}, the sealed {@link dev.touchpoint.brand.RenderedMessage} results
 * ({@link dev.touchpoint.brand.RenderedEmail}, {@link dev.touchpoint.brand.RenderedSms},
 * {@link dev.touchpoint.brand.RenderedPush}, {@link dev.touchpoint.brand.RenderedKiosk}) with their
 * {@link dev.touchpoint.brand.ContentFingerprint}, {@link dev.touchpoint.brand.TemplateDescriptor} and
 * {@link dev.touchpoint.brand.VariableSpec} for callers that check templates, and
 * {@link dev.touchpoint.brand.RenderException} / {@link dev.touchpoint.brand.RuleViolation} for what went wrong.
 * Sub-packages {@code tokens} (design tokens), {@code sms} (segment counting) and {@code preview} (previews and
 * {@code .eml} writing) are public too; {@code internal} is not an API.
 */
package dev.touchpoint.brand;
