package dev.stalecheck.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Costs of every strategy over a range of buffer sizes, the crossover point, and an SVG plot of them. */
public final class CostSweep {
    private final List<Long> sizes = new ArrayList<>();
    private final Map<Strategy, List<CostModel.Cost>> costs = new EnumMap<>(Strategy.class);

    /** Prices every strategy at every power-of-two size from {@code from} to {@code to} bytes. */
    public CostSweep(CostModel model, long from, long to, double dirtyFraction) {
        for (long s = from; s <= to; s *= 2) {
            sizes.add(s);
        }
        for (Strategy st : Strategy.values()) {
            List<CostModel.Cost> row = new ArrayList<>();
            for (long s : sizes) {
                row.add(model.price(st, s, dirtyFraction));
            }
            costs.put(st, row);
        }
    }

    /** The sizes priced. */
    public List<Long> sizes() {
        return sizes;
    }

    /** The costs of one strategy, by size. */
    public List<CostModel.Cost> costs(Strategy s) {
        return costs.get(s);
    }

    /**
     * The smallest size at which {@code whole} (a level-wide strategy) is cheaper than every by-VA loop that keeps the
     * buffer's data (a loop that discards dirty lines is no alternative), or -1.
     */
    public long crossover(Strategy whole) {
        for (int i = 0; i < sizes.size(); i++) {
            long best = Long.MAX_VALUE;
            for (Strategy s : Strategy.values()) {
                if (s.byAddress() && !costs.get(s).get(i).discards()) {
                    best = Math.min(best, costs.get(s).get(i).cycles());
                }
            }
            if (costs.get(whole).get(i).cycles() < best) {
                return sizes.get(i);
            }
        }
        return -1;
    }

    /** An SVG line plot of cycles against buffer size, both on log scales. */
    public String svg(String title) {
        int w = 760;
        int h = 480;
        int left = 80;
        int right = 230;
        int top = 40;
        int bottom = 60;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (List<CostModel.Cost> row : costs.values()) {
            for (CostModel.Cost c : row) {
                minY = Math.min(minY, Math.max(1, c.cycles()));
                maxY = Math.max(maxY, c.cycles());
            }
        }
        double ly0 = Math.floor(Math.log10(minY));
        double ly1 = Math.ceil(Math.log10(Math.max(maxY, 10)));
        double lx0 = Math.log(sizes.get(0)) / Math.log(2);
        double lx1 = Math.log(sizes.get(sizes.size() - 1)) / Math.log(2);
        int pw = w - left - right;
        int ph = h - top - bottom;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", left, escape(title)));
        for (double e = ly0; e <= ly1; e++) {
            double y = top + ph - (e - ly0) / (ly1 - ly0) * ph;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n",
                    left - 6, y + 4, (int) e));
        }
        for (int i = 0; i < sizes.size(); i += 2) {
            double x = left + (Math.log(sizes.get(i)) / Math.log(2) - lx0) / (lx1 - lx0) * pw;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n",
                    x, top, x, top + ph));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top + ph + 18, dev.stalecheck.config.SizeText.of(sizes.get(i))));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">buffer size (bytes, log"
                + " scale)</text>%n", left + pw / 2, h - 16));
        b.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\""
                + " text-anchor=\"middle\">cycles (log scale)</text>%n", top + ph / 2, top + ph / 2));
        String[] colours = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e"};
        int k = 0;
        for (Strategy s : Strategy.values()) {
            StringBuilder pts = new StringBuilder();
            List<CostModel.Cost> row = costs.get(s);
            for (int i = 0; i < sizes.size(); i++) {
                double x = left + (Math.log(sizes.get(i)) / Math.log(2) - lx0) / (lx1 - lx0) * pw;
                double y = top + ph - (Math.log10(Math.max(1, row.get(i).cycles())) - ly0) / (ly1 - ly0) * ph;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String c = colours[k % colours.length];
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    c, pts.toString().trim()));
            int ly = top + 10 + 20 * k;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"2\"/>%n", left + pw + 12, ly, left + pw + 32, ly, c));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + pw + 38, ly + 4,
                    escape(s.title())));
            k++;
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
