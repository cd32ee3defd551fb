//! The README's CLI block tells the truth: every command `lotbook --help`
//! lists is in it, and nothing else; every subcommand of each group too.

use std::collections::BTreeSet;
use std::process::Command;

/// The lines of the fenced block under "## The CLI".
fn readme_block() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("\n## The CLI\n")
        .nth(1)
        .expect("a \"## The CLI\" section");
    let block = section
        .split("```")
        .nth(1)
        .expect("a fenced block in \"## The CLI\"");
    block.lines().map(str::to_owned).collect()
}

/// The subcommands `lotbook [GROUP] --help` lists (clap's "Commands:").
fn commands(group: &[&str]) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_lotbook"))
        .args(group)
        .arg("--help")
        .output()
        .expect("run lotbook --help");
    assert!(out.status.success(), "{group:?} --help failed");
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some(list) = help.split("Commands:\n").nth(1) else {
        return BTreeSet::new();
    };
    list.lines()
        .take_while(|l| !l.trim().is_empty())
        // A command's name starts at two spaces; wrapped help is indented deeper.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// The words a README line names commands with: `  group sub [--opt V] | other ID`
/// gives group, sub, other (the description after a wide gap is left out).
fn words(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix("  ")?;
    if rest.starts_with(' ') {
        return None;
    }
    let usage = rest.split("  ").next().unwrap_or_default();
    Some(
        usage
            .split(|c: char| c.is_whitespace() || "|[]()".contains(c))
            .filter(|w| !w.is_empty() && !w.starts_with('-'))
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn the_readme_cli_block_names_every_command_and_no_other() {
    let block = readme_block();
    let lines: Vec<Vec<String>> = block.iter().filter_map(|l| words(l)).collect();
    let in_readme: BTreeSet<String> = lines.iter().filter_map(|w| w.first().cloned()).collect();
    let top = commands(&[]);
    assert_eq!(
        in_readme, top,
        "the README's CLI block and `lotbook --help` disagree on the commands"
    );
    for group in &top {
        for sub in commands(&[group]) {
            let named = lines
                .iter()
                .any(|w| w.first() == Some(group) && w[1..].contains(&sub));
            assert!(named, "the README's CLI block lacks `{group} {sub}`");
        }
    }
}
