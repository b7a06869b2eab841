//! Embeds the bundled `cases/` folder in the binary so the app works from any directory, and
//! lays out the release binary's code with what runs first together (`symbol_order`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=cases");
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    symbol_order(&root);
    let mut files = Vec::new();
    collect(&root.join("cases"), &mut files);
    files.sort();
    let mut code = String::from(
        "/// Bundled files: (path relative to the crate, contents).\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .expect("file is under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.to_string_lossy()
        )
        .expect("write to string");
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    std::fs::write(out, code).expect("write bundled.rs");
}

/// Release builds of the app on x86-64 Linux with the toolchain's own linker (rust-lld, the
/// default there since Rust 1.90): the functions in `assets/symbol-order.txt` (what runs as
/// the window opens and in a working session; `scripts/symbol-order.sh` writes it) are placed
/// first and together. The kernel maps code in 64 KB windows and larger page-cache folios, so
/// with them scattered over the 19 MB of code about 22 MB of the binary was resident with a
/// large library open; together, about 11 MB.
/// Skipped where the linker may be another (GNU ld refuses the option), and with
/// `CASELENS_SYMBOL_ORDER=off`. A name the file has and the binary lacks is skipped silently.
fn symbol_order(root: &Path) {
    let file = root.join("assets").join("symbol-order.txt");
    println!("cargo:rerun-if-changed={}", file.display());
    for var in [
        "CASELENS_SYMBOL_ORDER",
        "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let release = var("PROFILE") == "release";
    let target = var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu";
    // A linker chosen by the user (or self-contained linking turned off) may not be lld.
    let own_linker = var("CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER").is_empty()
        && !var("CARGO_ENCODED_RUSTFLAGS").contains("link")
        && toolchain_has_lld();
    if !(release && target && own_linker) || var("CASELENS_SYMBOL_ORDER") == "off" || !file.exists()
    {
        return;
    }
    println!(
        "cargo:rustc-link-arg-bin=caselens=-Wl,--symbol-ordering-file={}",
        file.display()
    );
    println!("cargo:rustc-link-arg-bin=caselens=-Wl,--no-warn-symbol-ordering");
}

/// True when the compiler's sysroot ships rust-lld for this target (rustup's toolchains do;
/// a distribution's rustc that links with the system's GNU ld may not).
fn toolchain_has_lld() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let Ok(out) = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
    else {
        return false;
    };
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    sysroot
        .join("lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld/ld.lld")
        .exists()
}
