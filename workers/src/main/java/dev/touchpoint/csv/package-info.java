/**
 * CSV files as users upload them (customer imports, campaign audiences): one reader for every place that reads CSV, so
 * quoting, byte order marks, line numbers in errors and the bound on a runaway record are the same everywhere.
 */
package dev.touchpoint.csv;
