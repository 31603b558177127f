package io.hectiqlab.lab;

import io.hectiqlab.internal.LabNames;
import io.hectiqlab.internal.Printable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A template version published in a lab, written {@code lab:OWNER/PROJECT/NAME@N} (a pinned
 * version) or {@code lab:OWNER/PROJECT/NAME@latest} (the newest version, looked up when used).
 * Published templates refer to each other by pinned refs only, fragments allowed ({@code
 * lab:team/common/units@2#/$defs/rate}); {@link #parse} takes a ref without fragment.
 *
 * @param project the project that publishes it, {@code owner/name}
 * @param name the template's name in its project (the rule of project names: 1 to 64 lowercase
 *     letters, digits, {@code _ . -})
 * @param version the version (from 1), or null for the latest
 */
public record TemplateRef(String project, String name, @Nullable Integer version) {
  /** The scheme of template refs, {@code lab:}. */
  public static final String PREFIX = "lab:";

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException when the project or name breaks the naming rule, or the
   *     version is below 1
   */
  public TemplateRef {
    LabNames.checkProject(Objects.requireNonNull(project, "project"));
    LabNames.checkName("template name", Objects.requireNonNull(name, "name"));
    if (version != null && version < 1) {
      throw new IllegalArgumentException("template version must be 1 or more: " + version);
    }
  }

  /** A pinned ref. */
  public static TemplateRef of(String project, String name, int version) {
    return new TemplateRef(project, name, version);
  }

  /** A ref to the latest version. */
  public static TemplateRef latest(String project, String name) {
    return new TemplateRef(project, name, null);
  }

  /** True when {@code text} starts with {@code lab:}: a template ref rather than a file or name. */
  public static boolean isRef(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /**
   * Parses {@code lab:OWNER/PROJECT/NAME@N} or {@code lab:OWNER/PROJECT/NAME@latest}.
   *
   * @param text the ref
   * @return the ref
   * @throws IllegalArgumentException when it is not one (the message shows the expected form and
   *     what is wrong)
   */
  public static TemplateRef parse(String text) {
    Objects.requireNonNull(text, "text");
    String form = "; a template ref is lab:OWNER/PROJECT/NAME@N or lab:OWNER/PROJECT/NAME@latest";
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a template ref: " + Printable.quote(text) + form);
    }
    String rest = text.substring(PREFIX.length());
    int at = rest.lastIndexOf('@');
    String[] parts = (at < 0 ? rest : rest.substring(0, at)).split("/", -1);
    if (parts.length != 3 || at < 0) {
      throw new IllegalArgumentException(
          "not a template ref: "
              + Printable.quote(text)
              + (at < 0 ? " has no @VERSION" : " needs three names")
              + form);
    }
    String v = rest.substring(at + 1);
    Integer version;
    if (v.equals("latest")) {
      version = null;
    } else if (v.matches("[1-9][0-9]{0,8}")) {
      version = Integer.parseInt(v);
    } else {
      throw new IllegalArgumentException(
          "not a template ref: "
              + Printable.quote(text)
              + ": the version must be a number from 1 or 'latest'"
              + form);
    }
    try {
      return new TemplateRef(parts[0] + "/" + parts[1], parts[2], version);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a template ref: " + Printable.quote(text) + ": " + e.getMessage(), e);
    }
  }

  /** True when the version is pinned (not latest). */
  public boolean isPinned() {
    return version != null;
  }

  /** This template at another version. */
  public TemplateRef at(int version) {
    return new TemplateRef(project, name, version);
  }

  /** {@code lab:OWNER/PROJECT/NAME@N}, or {@code @latest}; what {@link #parse} reads. */
  @Override
  public String toString() {
    return PREFIX + project + "/" + name + "@" + (version == null ? "latest" : version);
  }
}
