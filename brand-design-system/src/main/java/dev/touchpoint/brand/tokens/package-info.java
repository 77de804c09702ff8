/** Design tokens in the W3C Design Tokens Community Group format, resolved to CSS and text values. */
package dev.touchpoint.brand.tokens;
