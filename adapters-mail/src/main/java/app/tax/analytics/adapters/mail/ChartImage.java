package app.tax.analytics.adapters.mail;

import app.tax.analytics.application.port.out.ReportMailer.DailyChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A report's chart as a PNG: a bar per day with its value, drawn in memory (no display needed). */
final class ChartImage {
    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final Color BAR = new Color(0x2f, 0x6f, 0xeb);
    private static final Color TEXT = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    static {
        // A server has no display: draw into images only.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartImage() {
    }

    static byte[] png(DailyChart chart) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(chart.title(), 16, 22);

            int left = 40;
            int right = WIDTH - 16;
            int top = 44;
            int bottom = HEIGHT - 36;
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1));
            g.drawLine(left, bottom, right, bottom);
            long max = chart.values().stream().mapToLong(Long::longValue).max().orElse(0);
            int n = chart.days().size();
            if (n == 0) {
                return encode(image);
            }
            double slot = (double) (right - left) / n;
            int barWidth = Math.max(2, (int) (slot * 0.7));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < n; i++) {
                long value = chart.values().get(i);
                int height = max == 0 ? 0 : (int) Math.round((double) value / max * (bottom - top));
                int x = left + (int) (i * slot + (slot - barWidth) / 2);
                g.setColor(BAR);
                g.fillRect(x, bottom - height, barWidth, height);
                g.setColor(TEXT);
                if (n <= 16 || i % ((n + 15) / 16) == 0) {
                    g.drawString(Long.toString(value), x, bottom - height - 4);
                    g.drawString(Integer.toString(chart.days().get(i).getDayOfMonth()), x, bottom + 16);
                }
            }
            return encode(image);
        } finally {
            g.dispose();
        }
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
        return png.toByteArray();
    }
}
