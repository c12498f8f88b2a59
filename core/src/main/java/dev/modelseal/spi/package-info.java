/**
 * Extension points for framework integrators. Implementations decide where evidence comes from;
 * they never decide whether it is trusted.
 */
package dev.modelseal.spi;
