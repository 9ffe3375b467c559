/** The default data set shipped inside the jar, served when no input is given. */
package io.covington.graph.bundled;
