//! `cargo run -p ssmc-tests --release --example gen -- OUT_DIR [--seed N] [--files N] [--steps N]`:
//! writes generated runbooks (see `ssmc_tests::gen`) for benchmarks and scaling runs.
//! Not part of the shipped `ssmc` binary.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let (mut seed, mut files, mut steps) = (1u64, 100usize, 200usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |what: &str| -> Option<u64> {
            let v = args.next().and_then(|v| v.parse().ok());
            if v.is_none() {
                eprintln!("error: {what} needs a number");
            }
            v
        };
        match a.as_str() {
            "--seed" => match number("--seed") {
                Some(v) => seed = v,
                None => return ExitCode::from(2),
            },
            "--files" => match number("--files") {
                Some(v) => files = v as usize,
                None => return ExitCode::from(2),
            },
            "--steps" => match number("--steps") {
                Some(v) => steps = v as usize,
                None => return ExitCode::from(2),
            },
            _ if !a.starts_with('-') && out.is_none() => out = Some(PathBuf::from(a)),
            _ => {
                eprintln!("usage: gen OUT_DIR [--seed N] [--files N] [--steps N]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen OUT_DIR [--seed N] [--files N] [--steps N]");
        return ExitCode::from(2);
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0usize;
    for f in ssmc_tests::gen::corpus(seed, files, steps) {
        bytes += f.text.len();
        if let Err(e) = std::fs::write(out.join(&f.name), &f.text) {
            eprintln!("error: cannot write {}: {e}", f.name);
            return ExitCode::from(2);
        }
    }
    eprintln!("wrote {files} files, {bytes} bytes, to {}", out.display());
    ExitCode::SUCCESS
}
