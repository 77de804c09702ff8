/**
 * Implementation of the brand design system: loading and compiling the brand ({@code Brand},
 * with {@code DescriptorReader} and the JSON Schemas under {@code schema/brand/} for the descriptors,
 * {@code BrandAssets}, {@code TemplateCompiler}, {@code BrandMessages} and {@code TemplateLoader}), rendering
 * ({@code Renderer}), variable binding, helpers, locale resolution, and the channel rules ({@code rules}) and HTML
 * tooling ({@code html}) they use. Not an API: classes are public only where the public packages need them.
 */
package dev.touchpoint.brand.internal;
