"""The PyTorch side of `sieve bench train --against-pytorch`.

Times the training step of Sieve's Training loop in PyTorch: the same architecture (same state-dict
names and shapes, printed for the caller to compare), random uint8 3x32x32 images in 10 classes,
ImageNet normalization, softmax cross-entropy, SGD with momentum 0.9 and learning rate 0.01, gradients
zeroed before each step, one untimed warm-up epoch, then one timed epoch of the same number of batches
in a seeded random order (wall-clock images per second, and per CPU-second of the process, all
threads). Then inference (eval mode, no autograd) over all images. Prints one JSON
object. oneDNN's ISA cap comes from the environment (ONEDNN_MAX_CPU_ISA), as for Sieve.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


class Vanilla(nn.Module):
    """C^n(X) of thesis section 5.4: [conv3x3(X) -> ReLU]^n -> flatten -> fc (Sieve's cN-X)."""

    def __init__(self, layers, filters, classes, size):
        super().__init__()
        c = 3
        for i in range(1, layers + 1):
            setattr(self, "conv%d" % i, nn.Conv2d(c, filters, 3, padding=1))
            setattr(self, "relu%d" % i, nn.ReLU())
            c = filters
        self.layers = layers
        self.fc = nn.Linear(filters * size * size, classes)

    def forward(self, x):
        for i in range(1, self.layers + 1):
            x = getattr(self, "relu%d" % i)(getattr(self, "conv%d" % i)(x))
        return self.fc(x.flatten(1))


class Basic(nn.Module):
    """He et al. 2016 basic unit with torchvision's names and a projection shortcut (Sieve's ResidualUnit)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if cin != cout or stride != 1:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class CifarResNet(nn.Module):
    """ResNet-depth for 32x32 inputs (He et al. 2016 section 4.2), global average pooling, fc."""

    def __init__(self, depth, classes):
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        cin = 16
        for s in range(3):
            cout = 16 << s
            units = []
            for u in range(n):
                units.append(Basic(cin, cout, 2 if u == 0 and s > 0 else 1))
                cin = cout
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*units))
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(x.mean((2, 3)))


def build(arch, classes, size):
    if arch.startswith("resnet"):
        return CifarResNet(int(arch[6:]), classes)
    layers, filters = arch[1:].split("-")
    return Vanilla(int(layers), int(filters), classes, size)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--batch-size", type=int, required=True)
    p.add_argument("--steps", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.threads)
    torch.manual_seed(a.seed)
    g = torch.Generator().manual_seed(a.seed)
    n, classes, size = a.batch_size * a.steps, 10, 32
    pixels = torch.randint(0, 256, (n, 3, size, size), dtype=torch.uint8, generator=g)
    labels = torch.randint(0, classes, (n,), generator=g)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1) * 255
    std = torch.tensor(STD).view(1, 3, 1, 1) * 255
    model = build(a.model, classes, size)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def epoch():
        model.train()
        order = torch.randperm(n, generator=g)
        start, cpu = time.perf_counter(), time.process_time()
        for b in range(a.steps):
            idx = order[b * a.batch_size:(b + 1) * a.batch_size]
            x = (pixels[idx].float() - mean) / std
            opt.zero_grad(set_to_none=False)
            logits = model(x)
            loss = F.cross_entropy(logits, labels[idx])
            loss.backward()
            opt.step()
            loss.item()
            logits.argmax(1)
        return n / (time.perf_counter() - start), n / (time.process_time() - cpu)

    epoch()
    train, train_cpu = epoch()
    model.eval()
    with torch.no_grad():
        start = time.perf_counter()
        for b in range(a.steps):
            x = (pixels[b * a.batch_size:(b + 1) * a.batch_size].float() - mean) / std
            logits = model(x)
            F.cross_entropy(logits, labels[b * a.batch_size:(b + 1) * a.batch_size]).item()
            logits.argmax(1)
        inference = n / (time.perf_counter() - start)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "parameters": sum(t.numel() for t in model.parameters()),
        "state_dict": {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")},
        "train_images_per_second": train,
        "train_images_per_cpu_second": train_cpu,
        "inference_images_per_second": inference,
    }))


if __name__ == "__main__":
    main()
