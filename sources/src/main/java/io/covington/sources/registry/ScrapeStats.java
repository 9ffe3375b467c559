package io.covington.sources.registry;

/**
 * What one scrape of one repository saw.
 *
 * @param repository {@code HOST/REPO}
 * @param tagsSeen every tag listed
 * @param tagsSkipped signature tags, tags of images that are no release (no release-metadata, a
 *     platform piece of a multi release, a second tag of an image already read)
 * @param tagsFailed tags that could not be read (reported as problems)
 * @param releases releases found
 * @param cacheHits images whose metadata came from the cache, not the layers
 */
public record ScrapeStats(String repository, int tagsSeen, int tagsSkipped, int tagsFailed, int releases, int cacheHits) {}
