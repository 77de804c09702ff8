/**
 * Implementation of the brand design system: loading and compiling the brand ({@code Brand}), rendering
 * ({@code Renderer}), variable binding, helpers, locale resolution, and the channel rules ({@code rules}) and HTML
 * tooling ({@code html}) they use. Not an API: classes are public only where the public packages need them.
 */
package dev.touchpoint.brand.internal;
