package io.covington.graph.model;

/** Release metadata keys with a meaning to the graph builder or to clients. */
public final class MetadataKeys {

  public static final String PREFIX = "io.openshift.upgrades.graph.";
  public static final String ARCH = PREFIX + "release.arch";
  public static final String CHANNELS = PREFIX + "release.channels";
  public static final String MANIFEST_REF = PREFIX + "release.manifestref";
  public static final String PREVIOUS_ADD = PREFIX + "previous.add";
  public static final String NEXT_ADD = PREFIX + "next.add";
  public static final String PREVIOUS_REMOVE = PREFIX + "previous.remove";
  public static final String NEXT_REMOVE = PREFIX + "next.remove";
  public static final String PREVIOUS_REMOVE_REGEX = PREFIX + "previous.remove_regex";
  public static final String RELEASE_REMOVE = PREFIX + "release.remove";
  public static final String URL = "url";
  public static final String RELEASE_ARCHITECTURE = "release.openshift.io/architecture";

  /** Covington's key: the id of the node operating system a release runs, e.g. {@code fcos}, {@code scos}. */
  public static final String MACHINE_OS = "machine-os.covington.io/id";

  /** Covington's key: the version of that operating system, as nodes report it. */
  public static final String MACHINE_OS_VERSION = "machine-os.covington.io/version";

  /** The value of {@link #PREVIOUS_REMOVE} that removes every incoming update. */
  public static final String REMOVE_ALL = "*";

  private MetadataKeys() {}
}
