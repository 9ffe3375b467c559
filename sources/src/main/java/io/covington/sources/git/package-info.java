/** Graph-data from a git repository, fetched with JGit, one tree per commit. */
package io.covington.sources.git;
