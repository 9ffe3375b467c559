/** Graph-data as a {@code .tar.gz} archive at an {@code http(s)} URL, unpacked safely. */
package io.covington.sources.archive;
