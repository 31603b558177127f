package io.hectiqlab;

import java.util.List;

/**
 * What {@link Compatibility} found between template versions: every change (information-only ones
 * too), which of them fail the mode, and the verdict.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the text the {@code compat} command prints,
 * one compiler-style line per change; {@link #toJson()} the JSON the command and the lab answer.
 */
public final class CompatibilityReport {
  private CompatibilityReport() {}

  /** Returns the mode the changes were checked under. */
  public Compatibility.Mode mode() {
    throw new UnsupportedOperationException("built by the api part");
  }

  /** True when no change breaks (or leaves undecided) a direction the mode checks. */
  public boolean isCompatible() {
    throw new UnsupportedOperationException("built by the api part");
  }

  /** Returns every change found, information-only ones too, in schema order. */
  public List<SchemaChange> changes() {
    throw new UnsupportedOperationException("built by the api part");
  }

  /** Returns the changes that fail the mode. */
  public List<SchemaChange> breaking() {
    throw new UnsupportedOperationException("built by the api part");
  }

  /** Returns the report as JSON: mode, compatible, and every change with its witnesses. */
  public String toJson() {
    throw new UnsupportedOperationException("built by the api part");
  }
}
