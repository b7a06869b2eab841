//! What the system-font fallback (scripts the bundled font lacks, e.g. Chinese) costs at start:
//! creating the provider (on the UI thread, in `CaselensApp::new`), the first lookup of a CJK
//! character (waits for the provider's background enumeration of the system fonts: the most a
//! first frame showing Chinese can wait), a later lookup, and a frame laying out a Chinese
//! paragraph with and without the provider. Run with `cargo bench --bench fonts`; the figures
//! depend on the fonts installed (`fc-list :lang=zh`).

use std::sync::Arc;
use std::time::Instant;

use egui::epaint::text::{FallbackRequest, FontFamily, FontProvider as _};
use egui_system_font_provider::SystemFontProvider;

const CHINESE: &str =
    "这是一个用于测试中文字体回退的小案例。示例公司成立于2001年，提供托管的工资软件。";

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn frame(ctx: &egui::Context) -> f64 {
    let t = Instant::now();
    let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label(CHINESE);
    });
    ms(t.elapsed())
}

fn main() {
    let t = Instant::now();
    let provider = SystemFontProvider::new();
    println!("provider created (UI thread): {:.2} ms", ms(t.elapsed()));
    let family = FontFamily::Proportional;
    let t = Instant::now();
    let first = provider.font_for(&FallbackRequest {
        cluster: "中",
        family: &family,
    });
    println!(
        "first lookup of 中 (waits for the enumeration): {:.1} ms -> {:?}",
        ms(t.elapsed()),
        first.as_ref().map(|f| f.name.clone())
    );
    let t = Instant::now();
    let _ = provider.font_for(&FallbackRequest {
        cluster: "文",
        family: &family,
    });
    println!("a later lookup: {:.2} ms", ms(t.elapsed()));

    let plain = egui::Context::default();
    frame(&plain);
    println!(
        "frame with a Chinese paragraph, no provider (boxes): {:.1} ms",
        frame(&plain)
    );
    let ctx = egui::Context::default();
    ctx.add_font_provider(Arc::new(SystemFontProvider::new()));
    println!(
        "first frame with the provider, right after it was created: {:.1} ms",
        frame(&ctx)
    );
    println!("next frame: {:.1} ms", frame(&ctx));
    // As in the app: the provider is created at start, a case in Chinese is opened later.
    let ctx = egui::Context::default();
    ctx.add_font_provider(Arc::new(SystemFontProvider::new()));
    frame(&ctx);
    std::thread::sleep(std::time::Duration::from_millis(500));
    let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label("中");
    });
    let later = Instant::now();
    let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label("文字");
    });
    println!(
        "a frame showing new Chinese characters once the enumeration is done: {:.1} ms",
        ms(later.elapsed())
    );
}
