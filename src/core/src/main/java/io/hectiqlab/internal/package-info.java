/**
 * Implementation details of hectiqlab (parsing, writing, schema loading). Not part of the API:
 * anything here may change without notice.
 */
package io.hectiqlab.internal;
