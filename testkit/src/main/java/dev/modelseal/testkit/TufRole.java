package dev.modelseal.testkit;

/** The four top-level roles of a TUF repository (TUF specification §2.1), each with its own key. */
public enum TufRole {
  ROOT("root"),
  TIMESTAMP("timestamp"),
  SNAPSHOT("snapshot"),
  TARGETS("targets");

  private final String roleName;

  TufRole(String roleName) {
    this.roleName = roleName;
  }

  /** The role's name in metadata ({@code _type}, {@code roles}) and in file names. */
  public String roleName() {
    return roleName;
  }
}
