package dev.audience.http.console;

import dev.audience.http.HtmlPages;
import dev.audience.http.Problem;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.util.HashMap;
import java.util.Map;

/**
 * The console's rendering: JTE templates compiled at build time (src/main/jte, HTML-escaped output), Pico CSS and
 * htmx from their webjars, the console's own stylesheet from {@code /console/assets}, and the error page.
 */
public final class ConsoleHtml implements HtmlPages {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    @Override
    public void configure(JavalinConfig config) {
        // javac picks the wrong render overload unless the model is a Map<String, Object>
        config.fileRenderer((name, model, ctx) -> render(name, new HashMap<String, Object>(model)));
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/console/assets";
            files.directory = "/console-assets";
            files.location = Location.CLASSPATH;
        });
    }

    String render(String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        templates.render(template, model, out);
        return out.toString();
    }

    @Override
    public void writeProblem(Context ctx, Problem problem) {
        Chrome chrome = Pages.chrome(ctx, problem.title(), "");
        ctx.status(problem.status()).contentType("text/html; charset=utf-8")
                .result(render("error.jte", Map.of("chrome", chrome, "problem", problem)));
    }
}
