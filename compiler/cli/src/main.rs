//! The `ssmc` command line: argument parsing and dispatch only.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use ssmc::commands::{self, ColorChoice, EXIT_FAILURE, EXIT_OK};
use ssmc::output;
use ssmc_core::codegen::read::Format;

/// mimalloc instead of glibc's malloc: allocation and freeing were about a
/// quarter of a check's instructions. Version 2 without transparent huge
/// pages, because the others kept the language server's memory higher
/// (docs/dependencies.md; docs/performance.md, round 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ssmc: a typed runbook language that compiles to AWS Systems Manager documents.
#[derive(Parser)]
#[command(name = "ssmc", version, about, long_about = None)]
struct Cli {
    /// When to colour diagnostics: `auto` on a terminal unless `NO_COLOR` is set.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: Color,
    /// Print diagnostics and errors only: no summaries or notes.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Yaml,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Mermaid,
    Dot,
    Svg,
}

#[derive(Clone, Copy, ValueEnum)]
enum IamFormat {
    Json,
    Cloudformation,
    Terraform,
}

/// `ssmc test`'s subcommands.
#[derive(Subcommand)]
enum TestAction {
    /// Write RUNBOOK.test.toml beside the runbook: one test per path worth testing
    /// (the happy path, each branch choice, each onFailure target), mocks generated
    /// from the document's types, expectations from a simulated run.
    Init {
        /// A runbook or an SSM document.
        runbook: PathBuf,
        /// Which document of the file (default: its first).
        #[arg(long, value_name = "NAME")]
        document: Option<String>,
        /// Replace an existing test file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Check, then write one SSM document per `command`/`automation`.
    Build {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short = 'o', long = "out", default_value = "build")]
        out: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "yaml")]
        format: OutputFormat,
    },
    /// Parse and type-check only; print diagnostics.
    Check {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Neither read nor write the result cache (`.ssmc_cache/`).
        #[arg(long)]
        no_cache: bool,
    },
    /// Best-practice rules over `.rbk` sources and existing SSM documents.
    Lint {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: LintFormat,
        /// Apply safe fixes.
        #[arg(long)]
        fix: bool,
        /// With `--fix`, also apply unsafe fixes: those that can change what a
        /// document does at run time (review them).
        #[arg(long, requires = "fix")]
        unsafe_fixes: bool,
        /// The least severe finding that fails the run (exit 1).
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Neither read nor write the result caches (`.ssmc_cache/`: findings and shellcheck's results).
        #[arg(long)]
        no_cache: bool,
        /// Run only these rules: codes (`SSM301`), code prefixes (`SSM3`), names, or `ALL`.
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Do not run these rules (codes, code prefixes or names).
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Also run preview rules (new rules not yet on by default; see `ssmc explain`).
        #[arg(long)]
        preview: bool,
    },
    /// Rewrite sources in the canonical style.
    Fmt {
        /// Change nothing; fail when a file is not formatted.
        #[arg(long)]
        check: bool,
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
    },
    /// Turn existing SSM documents (JSON/YAML) into `.rbk` sources.
    Import {
        /// SSM documents to import.
        #[arg(required = true)]
        docs: Vec<PathBuf>,
        /// Output folder.
        #[arg(short = 'o', long = "out", default_value = ".")]
        out: PathBuf,
        /// Refuse a document the checker finds errors in, instead of keeping
        /// each error as a reasoned `// ssmc: allow(...)` line.
        #[arg(long)]
        strict: bool,
        /// Replace `.rbk` files (and `actions.rbk`) that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Explain a diagnostic code or lint rule (`E1010`, `unknown-parameter`,
    /// `SSM103`): rationale, a bad and a good example.
    Explain {
        /// The rule's code or name.
        rule: String,
    },
    /// Run the language server over stdio.
    Lsp,
    /// Create a starter project: config, example runbooks, CI workflow, pre-commit and editor settings.
    Init {
        /// Where to create it (default: the current folder).
        dir: Option<PathBuf>,
        /// Import the SSM documents (JSON/YAML) found in this folder instead of the examples.
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
    },
    /// Print a shell completion script (e.g. `ssmc completions bash > ~/.local/share/bash-completion/completions/ssmc`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `ssmc man > ssmc.1 && man ./ssmc.1`.
    Man,
    /// Run the runbooks' tests (`*.test.toml`) in the simulator: no AWS account, no script runs.
    #[command(args_conflicts_with_subcommands = true)]
    Test {
        #[command(subcommand)]
        action: Option<TestAction>,
        /// Test files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Print the steps and branch edges the tests reached, per document.
        #[arg(long)]
        coverage: bool,
        /// Also write the results as JUnit XML to FILE.
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
        /// Write a test that replays a recorded execution: FILE is the JSON of
        /// `aws ssm get-automation-execution`; the runbook defining its
        /// DocumentName is looked for under PATHS.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["coverage", "junit"])]
        from_execution: Option<PathBuf>,
        /// With --from-execution: the runbook or SSM document the execution ran.
        #[arg(long, value_name = "PATH", requires = "from_execution")]
        runbook: Option<PathBuf>,
        /// With --from-execution: the test file to write (default: beside the
        /// runbook, STEM.execution-ID.test.toml).
        #[arg(long, value_name = "PATH", requires = "from_execution")]
        output: Option<PathBuf>,
    },
    /// Draw a runbook's flow graph.
    Graph {
        /// A runbook or an SSM document.
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "mermaid")]
        format: GraphFormat,
        /// Output file (default: stdout).
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
    /// Print the least-privilege IAM policy a runbook's steps need.
    Iam {
        /// A runbook or an SSM document.
        path: PathBuf,
        /// Output format: an IAM policy, a CloudFormation role, or Terraform.
        #[arg(long, value_enum, default_value = "json")]
        format: IamFormat,
        /// List each statement with the steps that need it instead.
        #[arg(long, conflicts_with = "check")]
        explain: bool,
        /// Judge this policy (JSON) instead: what it lacks, what it grants beyond need.
        #[arg(long, value_name = "POLICY")]
        check: Option<PathBuf>,
    },
}

fn run(cli: Cli) -> u8 {
    commands::set_output(commands::Output {
        color: match cli.color {
            Color::Auto => ColorChoice::Auto,
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
        },
        quiet: cli.quiet,
    });
    match cli.command {
        Command::Build { paths, out, format } => {
            let format = match format {
                OutputFormat::Json => Format::Json,
                OutputFormat::Yaml => Format::Yaml,
            };
            commands::build::run(&paths, &out, format)
        }
        Command::Check { paths, no_cache } => commands::check::run(&paths, !no_cache),
        Command::Fmt { check, paths } => commands::fmt::run(&paths, check),
        Command::Import {
            docs,
            out,
            strict,
            force,
        } => commands::import::run(&docs, &out, strict, force),
        Command::Lint {
            paths,
            format,
            fix,
            unsafe_fixes,
            fail_on,
            no_cache,
            select,
            ignore,
            preview,
        } => {
            let format = match format {
                LintFormat::Human => commands::lint::LintOutput::Human,
                LintFormat::Json => commands::lint::LintOutput::Json,
                LintFormat::Sarif => commands::lint::LintOutput::Sarif,
                LintFormat::Github => commands::lint::LintOutput::Github,
            };
            let fail_on = match fail_on {
                FailOn::Error => ssmc_core::Severity::Error,
                FailOn::Warning => ssmc_core::Severity::Warning,
                FailOn::Info => ssmc_core::Severity::Info,
            };
            let options = commands::lint::LintOptions {
                fix,
                unsafe_fixes,
                fail_on: Some(fail_on),
                no_cache,
                select,
                ignore,
                preview,
            };
            commands::lint::run(&paths, format, &options)
        }
        Command::Explain { rule } => commands::explain::run(&rule),
        Command::Lsp => commands::lsp::run(),
        Command::Init { dir, from } => commands::init::run(
            dir.as_deref().unwrap_or(std::path::Path::new(".")),
            from.as_deref(),
        ),
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "ssmc", &mut script);
            write_stdout(&script)
        }
        Command::Man => man_page(),
        Command::Test {
            action:
                Some(TestAction::Init {
                    runbook,
                    document,
                    force,
                }),
            ..
        } => commands::test_init::run(&runbook, document.as_deref(), force),
        Command::Test {
            action: None,
            paths,
            from_execution: Some(execution),
            runbook,
            output,
            ..
        } => commands::test_replay::run(&commands::test_replay::ReplayOptions {
            execution: &execution,
            paths: &paths,
            runbook: runbook.as_deref(),
            output: output.as_deref(),
        }),
        Command::Test {
            action: None,
            paths,
            coverage,
            junit,
            ..
        } => commands::test::run(&paths, &commands::test::TestOptions { coverage, junit }),
        Command::Graph { path, format, out } => {
            let format = match format {
                GraphFormat::Mermaid => commands::graph::GraphFormat::Mermaid,
                GraphFormat::Dot => commands::graph::GraphFormat::Dot,
                GraphFormat::Svg => commands::graph::GraphFormat::Svg,
            };
            commands::graph::run(&path, format, out.as_deref())
        }
        Command::Iam {
            path,
            format,
            explain,
            check,
        } => {
            let format = match format {
                IamFormat::Json => commands::iam::IamFormat::Json,
                IamFormat::Cloudformation => commands::iam::IamFormat::CloudFormation,
                IamFormat::Terraform => commands::iam::IamFormat::Terraform,
            };
            commands::iam::run(&path, format, explain, check.as_deref())
        }
    }
}

/// `ssmc man`: the manual page (options, and each subcommand with its summary), on stdout.
fn man_page() -> u8 {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        output::stderr(&format!("error: cannot render the manual page: {e}\n"));
        return EXIT_FAILURE;
    }
    write_stdout(&out)
}

/// Writes requested output to stdout exactly (roff and shell scripts are ours,
/// not a document's); a failure is reported by `output::finish`.
fn write_stdout(bytes: &[u8]) -> u8 {
    output::stdout_raw(bytes);
    EXIT_OK
}

/// `ssmc --version`: the version, the commit it was built from, and the date
/// of the embedded AWS API models. The catalog's index is read only when the
/// version is asked for, so start-up pays nothing for it.
fn version_line() -> String {
    let p = &ssmc_core::awsapi::catalog().provenance;
    format!(
        "{} ({}; AWS API models: botocore {} of {})",
        env!("CARGO_PKG_VERSION"),
        env!("SSMC_COMMIT"),
        p.botocore,
        p.date
    )
}

/// clap's own colour (help, usage errors) follows `--color` too: it is read
/// before parsing, since parsing is what may fail.
fn clap_color(args: &[String]) -> clap::ColorChoice {
    let value = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--color=")
            .map(str::to_string)
            .or_else(|| (a == "--color").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match value.as_deref() {
        Some("always") => clap::ColorChoice::Always,
        Some("never") => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let mut command = Cli::command().color(clap_color(&args));
    if args.iter().any(|a| a == "--version" || a == "-V") {
        // Once per process, so leaking it for clap's `&'static str` costs nothing.
        let line: &'static str = Box::leak(version_line().into_boxed_str());
        command = command.version(line);
    }
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // A large stack on a worker thread: the parsers have explicit depth
    // limits, and this keeps deep-but-legal inputs far from the edge.
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || run(cli));
    let code = match worker {
        Ok(handle) => handle.join().unwrap_or_else(|_| {
            output::stderr(
                "error: internal compiler error; please report it with the input that caused it\n",
            );
            EXIT_FAILURE
        }),
        Err(e) => {
            output::stderr(&format!("error: cannot start: {e}\n"));
            EXIT_FAILURE
        }
    };
    ExitCode::from(output::finish(code))
}
