package io.covington.graph.validate;

import io.covington.graph.input.LoadProblem;
import io.covington.graph.model.VersionPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link ValidationReport} for a pull request: GitHub Actions workflow commands that annotate
 * the changed files ({@link #annotations}), and a Markdown summary for the job's summary page or
 * a comment ({@link #markdown}).
 */
public final class PullRequestReport {

  /** How many updates of one kind of change the summary names per channel before it only counts. */
  private static final int UPDATES_SHOWN = 10;

  private PullRequestReport() {}

  /**
   * One {@code ::error} or {@code ::warning} command per finding, then the served-update changes
   * in a collapsed group and the summary line.
   *
   * @param repositoryPath a finding's file as a path from the repository root (what GitHub
   *     annotates), or empty when the finding is not about a file of the repository
   */
  public static List<String> annotations(ValidationReport report, Function<String, Optional<String>> repositoryPath) {
    List<String> lines = new ArrayList<>();
    for (Finding f : report.findings()) {
      LoadProblem p = f.problem();
      StringBuilder command = new StringBuilder("::").append(f.isError() ? "error" : "warning");
      List<String> properties = new ArrayList<>();
      Optional<String> file = repositoryPath.apply(p.source());
      file.ifPresent(path -> properties.add("file=" + property(path)));
      if (file.isPresent() && p.line().isPresent()) {
        properties.add("line=" + p.line().getAsInt());
      }
      properties.add("title=" + property("covington validate: " + p.kind()));
      command.append(' ').append(String.join(",", properties)).append("::");
      command.append(data(file.isPresent() ? p.message() : p.source() + ": " + p.message()));
      lines.add(command.toString());
    }
    List<String> text = report.text();
    if (report.base().isPresent()) {
      lines.add("::group::" + data(text.get(report.findings().size())));
      lines.addAll(text.subList(report.findings().size() + 1, text.size() - 1));
      lines.add("::endgroup::");
    }
    lines.add(text.get(text.size() - 1));
    return lines;
  }

  /** The report as Markdown: the verdict, a table of findings, and the changes per channel. */
  public static String markdown(ValidationReport report) {
    StringBuilder md = new StringBuilder();
    md.append("### Covington validate: ").append(report.hasErrors() ? "failed" : "passed").append("\n\n");
    md.append(report.count(Severity.ERROR)).append(" error(s), ").append(report.count(Severity.WARNING))
        .append(" warning(s) in graph-data `").append(report.revision()).append("`");
    report.base().ifPresent(b -> md.append(", compared with `").append(b).append("`"));
    md.append(".\n\n");
    if (!report.findings().isEmpty()) {
      md.append("| | File | Kind | Message |\n|---|---|---|---|\n");
      for (Finding f : report.findings()) {
        LoadProblem p = f.problem();
        md.append("| ").append(f.isError() ? "error" : "warning").append(" | `").append(cell(p.source()))
            .append(p.line().isPresent() ? ":" + p.line().getAsInt() : "").append("` | ").append(p.kind()).append(" | ")
            .append(cell(p.message())).append(" |\n");
      }
      md.append('\n');
    }
    if (report.base().isPresent()) {
      if (report.changes().isEmpty()) {
        md.append("No served update changes.\n");
      } else {
        md.append("| Channel | Arch | Change | Updates |\n|---|---|---|---|\n");
        for (ChannelEdgeChanges c : report.changes()) {
          row(md, c, "removed", c.removed());
          row(md, c, "made conditional", c.madeConditional());
          row(md, c, "added", c.added());
          row(md, c, "made unconditional", c.madeUnconditional());
          for (RiskChange r : c.risks()) {
            row(md, c, "risk `" + r.risk() + "`" + ValidationReport.fields(r) + " " + r.change().words(), r.updates());
          }
        }
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, ChannelEdgeChanges c, String what, List<VersionPair> updates) {
    if (updates.isEmpty()) {
      return;
    }
    md.append("| ").append(c.channel()).append(" | ").append(c.arch()).append(" | ").append(what).append(" | ")
        .append(updates.size()).append(": ").append(cell(ValidationReport.shown(updates, UPDATES_SHOWN))).append(" |\n");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
  }

  /** A workflow command's message: {@code %}, CR and LF escaped. */
  private static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A workflow command's property value: also {@code :} and {@code ,} escaped. */
  private static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
